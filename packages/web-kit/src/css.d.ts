/** Stylesheets are bundled by the app's Vite build. */
declare module '*.css';

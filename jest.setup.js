// Every test file's database pools default to 4 connections (packages/platform/src/db/prisma.ts): two files run
// at a time, each may start the whole shop (six contexts and a second order replica, each with a relay holding
// two more), and together they must fit PostgreSQL's default max_connections of 100.
process.env.DB_POOL_SIZE ??= '4';

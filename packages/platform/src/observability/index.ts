export { boundedLabel, metricsRegistry, mountMetrics, scrapedGauge } from './metrics';
export { graphqlObservability } from './graphql';
export {
  contextFrom, currentTraceparent, injectTraceContext, inSpan, startTracing, startTracingFromEnv, traceFields, traceRequests, tracer, tracingEnabled,
  type Tracing,
} from './tracing';

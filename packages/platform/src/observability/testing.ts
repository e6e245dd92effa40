import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from './tracing';

export type { ReadableSpan };

/** Tracing for a test: every span ended in this process is kept in memory until `stop`. */
export function recordSpans(): { spans(): ReadableSpan[]; stop(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: 'test', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    spans: () => exporter.getFinishedSpans(),
    stop: () => tracing.shutdown(),
  };
}

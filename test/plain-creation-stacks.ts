/**
 * Jest setup file (jest.config.js `setupFiles`): cdktf records a creation stack trace for every
 * token it makes (`cdktf/lib/tokens/private/stack-trace`, thousands per synthesized stack; used only
 * in its error messages). Under jest every such trace went through jest's source-map formatter,
 * which parses the inline source map of every file on the stack and remaps each frame: about half
 * of a stack's synth time in a test. Here the traces are formatted as V8 does outside jest (what
 * `orquesta synth` gets), in cdktf's own format; errors' stacks keep jest's source-mapped frames.
 */
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

/** V8's own frame text (`CallSite#toString`), as node prints it without source maps. */
const plainFrames = (_error: unknown, frames: readonly NodeJS.CallSite[]): string[] => frames.map((frame) => String(frame));

function captureStackTrace(below?: NonNullable<Parameters<typeof Error.captureStackTrace>[1]>): string[] {
  const holder: { stack?: unknown } = {};
  const previousLimit = Error.stackTraceLimit;
  const previousPrepare = Error.prepareStackTrace;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.prepareStackTrace = plainFrames;
    Error.captureStackTrace(holder, below ?? captureStackTrace);
    // V8 formats the trace when it is first read: read it while the plain formatter is in place.
    return holder.stack as string[];
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
}

(stackTrace as { captureStackTrace: typeof captureStackTrace }).captureStackTrace = captureStackTrace;

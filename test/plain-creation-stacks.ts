/**
 * Jest setup file (jest.config.js `setupFiles`): cdktf records a creation stack trace for every
 * token it makes (`cdktf/lib/tokens/private/stack-trace`, thousands per synthesized stack), and
 * reads it only to word an error. Under jest every such trace went through jest's source-map
 * formatter, which parses the inline source map of every file on the stack and remaps each frame:
 * about half of a stack's synth time in a test. Here the frames are kept as V8 hands them over and
 * turned into text, as V8 prints them outside jest (what `orquesta synth` gets, in cdktf's format),
 * only when something reads the trace. Errors' own stacks keep jest's source-mapped frames.
 */
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

const structuredFrames = (_error: unknown, frames: NodeJS.CallSite[]): NodeJS.CallSite[] => frames;

/** A string[] whose entries are each frame's text (`CallSite#toString`), made on first use. */
function framesAsText(frames: readonly NodeJS.CallSite[]): string[] {
  const text: string[] = [];
  let pending: readonly NodeJS.CallSite[] | undefined = frames;
  const filled = (target: string[]): string[] => {
    if (pending !== undefined) {
      for (const frame of pending) target.push(String(frame));
      pending = undefined;
    }
    return target;
  };
  // Every trap fills the real array first and then forwards to it, so it behaves as that array.
  return new Proxy(text, {
    get: (target, key) => Reflect.get(filled(target), key),
    set: (target, key, value) => Reflect.set(filled(target), key, value),
    has: (target, key) => Reflect.has(filled(target), key),
    ownKeys: (target) => Reflect.ownKeys(filled(target)),
    getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(filled(target), key),
    defineProperty: (target, key, descriptor) => Reflect.defineProperty(filled(target), key, descriptor),
    deleteProperty: (target, key) => Reflect.deleteProperty(filled(target), key),
  });
}

function captureStackTrace(below?: NonNullable<Parameters<typeof Error.captureStackTrace>[1]>): string[] {
  const holder: { stack?: unknown } = {};
  const previousLimit = Error.stackTraceLimit;
  const previousPrepare = Error.prepareStackTrace;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.prepareStackTrace = structuredFrames;
    Error.captureStackTrace(holder, below ?? captureStackTrace);
    // V8 builds the trace when it is first read: read it while the structured one is asked for.
    return framesAsText(holder.stack as NodeJS.CallSite[]);
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
}

(stackTrace as { captureStackTrace: typeof captureStackTrace }).captureStackTrace = captureStackTrace;

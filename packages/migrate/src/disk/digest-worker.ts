// The body of a digest worker thread: digests the windows it is sent, reading their bytes from
// the shared memory the sender filled, so no window is copied to get here.
import { parentPort } from 'node:worker_threads';
import { windowDigest } from './guest-digest';
import type { DigestJob, DigestAnswer } from './digest-messages';

parentPort?.on('message', (job: DigestJob) => {
  let answer: DigestAnswer;
  try {
    const digest = windowDigest(job.start, job.length, job.pieces, Buffer.from(job.memory, 0, job.bytes));
    answer = { id: job.id, digest: digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.length) as ArrayBuffer };
  } catch (error) {
    answer = { id: job.id, error: (error as Error).message };
  }
  parentPort?.postMessage(answer);
});

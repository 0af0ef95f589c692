import { main, processIo } from '@mpli/cli';

// The mpli command runs in-process too: same arguments, same exit codes, your own I/O.
// (Run from the repository root, where examples/ is.)
const code = await main(['validate', 'examples/manifests/scaldis-cloud.ttl'], processIo());
console.log('exit code', code); // 0

// pingpong_100k: an async function awaits 100,000 times, each promise
// resolved from a setImmediate callback.
const N = 100000;
async function run() {
  let n = 0;
  for (let i = 0; i < N; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    n++;
  }
  console.log(n);
}
run();

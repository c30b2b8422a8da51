// timers_rss_closures: as timers_rss, with a new closure per timer.
const N = 100000;
const ids = new Array(N);
function never() { throw new Error("a cleared timer fired"); }
for (let i = 0; i < N; i++) ids[i] = setTimeout(() => never(), 60000);
setTimeout(() => {
  let cleared = 0;
  for (let i = 0; i < N; i++) {
    clearTimeout(ids[i]);
    cleared++;
  }
  console.log(cleared);
}, 0);

// timers_100k_closures: 100,000 setTimeout(fn, 0), each with a new closure;
// each increments a counter, the last one prints it.
const N = 100000;
let n = 0;
for (let i = 0; i < N; i++) {
  setTimeout(() => {
    n++;
    if (n === N) console.log(n);
  }, 0);
}

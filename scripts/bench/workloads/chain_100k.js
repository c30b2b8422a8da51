// chain_100k: a callback re-schedules itself 100,000 times (setImmediate,
// since node clamps setTimeout(f, 0) to 1 ms).
const N = 100000;
let n = 0;
function f() {
  n++;
  if (n < N) setImmediate(f); else console.log(n);
}
setImmediate(f);

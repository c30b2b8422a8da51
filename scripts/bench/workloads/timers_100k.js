// timers_100k: 100,000 setTimeout(f, 0); each increments a counter, the
// last one prints it.
const N = 100000;
let n = 0;
function f() {
  n++;
  if (n === N) console.log(n);
}
for (let i = 0; i < N; i++) setTimeout(f, 0);

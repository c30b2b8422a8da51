// interval_drift: setInterval(f, 1) cleared after 1,000 ticks.
const N = 1000;
let n = 0;
const id = setInterval(() => {
  n++;
  if (n === N) {
    clearInterval(id);
    console.log(n);
  }
}, 1);

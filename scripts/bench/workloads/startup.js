// startup: the smallest program.
console.log("hello");

// Opens a QuickApp's page (/qa/ID) in Debian's headless chromium and
// uses its UI: prints what it renders, presses the button, moves the
// slider (set, then by the keyboard as a person would), flips the switch,
// picks in the select and the multi-select, and prints the label the
// QuickApp updates each time (over the /api/events WebSocket) and the
// choices it pushes back with updateView. Each step waits for what it
// expects: order, never a guessed delay. Saves a screenshot of the page
// to SCREENSHOT (if given).
//   node qa_page.js URL [SCREENSHOT]
const { chromium } = require("playwright-core");

async function main(url, shot) {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector("#status:text('live')");
    console.log("title:", await page.title());
    console.log("name:", await page.textContent("#name"));
    for (const row of await page.locator("#ui .row").all()) console.log("row:", (await row.innerHTML()).replace(/ id="[^"]*"/g, ""));
    const label = async (want) => {
      await page.waitForSelector(`#lbl:text('${want}')`);
      console.log("label:", await page.textContent("#lbl"));
    };
    console.log("property value:", await page.textContent("#property-value"));
    console.log("log:", (await page.locator("#log tbody tr").first().locator("td").allTextContents()).slice(1).join(" | "));
    await page.click("#b1");
    await label("Pressed");
    // the press's log line and property change reach the page live
    await page.waitForSelector("#log td:text('pressed 1 time')");
    await page.waitForSelector("#property-value:text('true')");
    console.log("log:", (await page.locator("#log tbody tr").last().locator("td").allTextContents()).slice(1).join(" | "));
    console.log("property value:", await page.textContent("#property-value"));
    await page.click("#right");  // the second button of a row of two
    await label("Side right");
    await page.locator("#s1").fill("42");
    await page.locator("#s1").dispatchEvent("change");
    await label("Level 42");
    await page.focus("#s1");
    await page.keyboard.press("ArrowRight");  // a real move: input and change events from the browser
    await label("Level 43");
    await page.check("#sw");
    await label("Power true");
    const options = async (sel) =>
      (await page.$$eval(`${sel} option`, (os) => os.map((o) => (o.selected ? "[" + o.value + "]" : o.value)))).join(" ");
    console.log("mode options:", await options("#mode"));
    await page.selectOption("#mode", "comfort");
    await label("Mode comfort");
    await page.waitForSelector("#mode option[value='away']:checked", { state: "attached" });
    console.log("mode options:", await options("#mode"));
    console.log("days options:", await options("#days"));
    await page.selectOption("#days", ["mon", "tue"]);
    await label("Days mon,tue");
    await page.waitForSelector("#days option[value='wed']:checked", { state: "attached" });
    console.log("days options:", await options("#days"));
    if (shot) {
      await page.screenshot({ path: shot, fullPage: true });
      console.log("screenshot saved");
    }
  } finally {
    await browser.close();
  }
}

main(process.argv[2], process.argv[3]).catch((e) => {
  console.log("error:", e.message.split("\n")[0]);
  process.exitCode = 1;
});

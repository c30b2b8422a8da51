// Opens a QuickApp's page (/qa/ID) in Debian's headless chromium and
// uses its UI: prints what it renders, presses the button, moves the
// slider, flips the switch, and prints the label the QuickApp updates
// each time (over the /api/events WebSocket). Each step waits for what it
// expects: order, never a guessed delay.
//   node qa_page.js URL
const { chromium } = require("playwright-core");

async function main(url) {
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
    await page.click("#b1");
    await label("Pressed");
    await page.locator("#s1").fill("42");
    await page.locator("#s1").dispatchEvent("change");
    await label("Level 42");
    await page.check("#sw");
    await label("Power true");
  } finally {
    await browser.close();
  }
}

main(process.argv[2]).catch((e) => {
  console.log("error:", e.message.split("\n")[0]);
  process.exitCode = 1;
});

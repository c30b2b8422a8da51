// Opens the web UI's front page (/) in Debian's headless chromium: prints
// the QuickApps (their children after them), globals and the newest events it lists, then calls an
// action through the REST API and waits for the page to show its effects
// live (the value cell and the global, over /api/events). Order only: each
// step waits for what it expects.
//   node index_page.js BASE_URL
const { chromium } = require("playwright-core");

async function main(base) {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(base + "/");
    await page.waitForSelector("#status:text('live')");
    console.log("title:", await page.title());
    const rows = async (table) => {
      for (const tr of await page.locator(`#${table} tbody tr`).all()) {
        console.log(`${table}:`, (await tr.locator("td").allTextContents()).join(" | "));
      }
    };
    await rows("quickapps");
    await rows("globals");
    console.log("links:", (await page.locator("#quickapps a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).join(" "));
    const r = await fetch(base + "/api/devices/5555/action/bump", { method: "POST", body: JSON.stringify({ args: [77] }) });
    console.log("bump:", r.status);
    await page.waitForSelector("#value-5555:text('77')");
    await page.waitForSelector("#value-5557:text('77')");
    await page.waitForSelector("#global-Mode:text('Away')");
    console.log("live value:", await page.textContent("#value-5555"));
    console.log("live child value:", await page.textContent("#value-5557"));
    console.log("live global:", await page.textContent("#global-Mode"));
    const newest = await page.locator("#events tbody tr").first().locator("td").nth(1).textContent();
    console.log("newest event:", newest);
  } finally {
    await browser.close();
  }
}

main(process.argv[2]).catch((e) => {
  console.log("error:", e.message.split("\n")[0]);
  process.exitCode = 1;
});

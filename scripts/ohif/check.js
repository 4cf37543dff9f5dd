// One load of a study in OHIF v3, as a user does it: open the study, double-click the SEG, answer Yes,
// and count the viewport's urate-green and calcium-purple pixels in a screenshot.
//   node check.js URL SCREENSHOT   → prints {"green": n, "purple": n, "errors": [...]}
const puppeteer = require('puppeteer-core');
const sleep = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  const [url, shot] = process.argv.slice(2);
  const browser = await puppeteer.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--window-size=1400,900']});
  const errors = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1400, height: 900});
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(url, {waitUntil: 'networkidle2', timeout: 90000});
    const click = async (xpath, count = 1) => {
      for (let i = 0; i < 60; i++) {
        const [e] = await page.$$('xpath/' + xpath);
        if (e) { await e.click({clickCount: count}); return true; }
        await sleep(500);
      }
      return false;
    };
    await click(".//*[normalize-space(text())='Skip all']");
    await click(".//*[normalize-space(text())='Confirm and hide']");
    if (!await click(".//*[starts-with(normalize-space(text()),'DECT SEG')]", 2)) errors.push('no SEG thumbnail');
    if (!await click(".//button[normalize-space(.)='Yes']")) errors.push('no prompt to open the SEG');
    await sleep(6000);
    const png = await page.screenshot({path: shot, encoding: 'base64'});
    // Count in the page: the screenshot drawn on a 2D canvas (the viewport's own canvas is WebGL).
    const counts = await page.evaluate(async data => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + data;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const p = g.getImageData(300, 160, img.width - 360, img.height - 220).data; // the viewport, not the thumbnails
      let green = 0, purple = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (p[i] < 100 && p[i + 1] > 150 && p[i + 2] < 100) green++;
        if (p[i] > 120 && p[i + 1] < 110 && p[i + 2] > 190) purple++;
      }
      return {green, purple};
    }, png);
    console.log(JSON.stringify({...counts, errors}));
  } catch (e) {
    console.log(JSON.stringify({green: 0, purple: 0, errors: [...errors, String(e)]}));
  } finally {
    await browser.close();
  }
})();

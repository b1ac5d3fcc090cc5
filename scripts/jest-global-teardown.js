/** Removes the temporary directory the global setup made for this test run. */
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.SMQ_JEST_TMPDIR;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

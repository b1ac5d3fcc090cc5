/**
 * Every `new ros.App()` without an outdir makes a temporary directory. Point them all at one directory per test run
 * (workers inherit TMPDIR), which the teardown removes.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-jest-'));
  process.env.SMQ_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};

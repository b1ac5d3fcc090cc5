/**
 * Prints one plain closing line, `jest: N passed, N failed[, N skipped]`, after everything jest prints, so CI can read
 * the result of the run.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    // jest's own summary is written after the reporters' onRunComplete: print at exit to come last
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}
module.exports = SummaryReporter;

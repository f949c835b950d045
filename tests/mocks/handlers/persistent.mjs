// A persistent test handler (Node): one task per line; the input says what to do.
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  const task = JSON.parse(line);
  const what = task.input;
  if ("crash" in what) {
    process.stderr.write("about to crash\n", () => process.exit(what.crash));
    break;
  }
  if ("sleep" in what) await new Promise((done) => setTimeout(done, what.sleep * 1000));
  const answer = what.fail
    ? { errorType: "Boom", errorMessage: "bad" }
    : { pid: process.pid, context: task.context, input: what };
  process.stdout.write(JSON.stringify(answer) + "\n");
}

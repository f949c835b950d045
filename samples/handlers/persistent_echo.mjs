// A persistent handler ("persistent": true): one task per line in, one answer per line out.
import { createInterface } from "node:readline";

for await (const line of createInterface({ input: process.stdin })) {
  const task = JSON.parse(line); // {"input": ..., "context": {"stateName", "attempt", ...}}
  const answer = task.input.fail
    ? { errorType: "EchoFailed", errorMessage: "asked to fail" }
    : { echo: task.input, state: task.context.stateName };
  process.stdout.write(JSON.stringify(answer) + "\n"); // exactly one line per task
}

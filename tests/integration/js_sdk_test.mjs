// The AWS SDK for JavaScript v3 (@aws-sdk/client-sfn) against the real
// binary: state machines, executions and history, StartSyncExecution and
// TestState (host prefix off), an activity worker, and AWS's error names.
// The SDK's version is pinned in tests/integration/package.json; `make test`
// installs it (scripts/install-test-deps.sh). Without it the test fails.
//
// Usage: node js_sdk_test.mjs PATH/TO/sfn-local
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";
import readline from "node:readline";

const require = createRequire(import.meta.url);
let S;
try {
  S = require("@aws-sdk/client-sfn");
} catch {
  console.error("@aws-sdk/client-sfn is not installed: run scripts/install-test-deps.sh");
  process.exit(1);
}

const ROLE = "arn:aws:iam::123456789012:role/js";
const proc = spawn(process.argv[2], ["serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const [line] = await once(readline.createInterface({ input: proc.stdout }), "line");
const endpoint = line.match(/listening on (http:\/\/\S+)$/)[1];
const client = new S.SFNClient({
  endpoint, region: "us-east-1", disableHostPrefix: true,
  credentials: { accessKeyId: "x", secretAccessKey: "y" },
});
const send = (name, input) => client.send(new S[`${name}Command`](input));
const errorName = (name, input) => send(name, input).then(() => "no error", (e) => e.name);

async function waitDone(executionArn) {
  for (let i = 0; i < 200; i++) {
    const d = await send("DescribeExecution", { executionArn });
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("execution did not finish");
}

async function executions() {
  const definition = JSON.stringify({ StartAt: "P", States: {
    P: { Type: "Pass", Parameters: { "greeting.$": "States.Format('Hi {}', $.name)" }, End: true } } });
  const { stateMachineArn } = await send("CreateStateMachine", { name: "js-hello", definition, roleArn: ROLE });
  const { executionArn } = await send("StartExecution", { stateMachineArn, input: '{"name":"Ada"}' });
  const done = await waitDone(executionArn);
  assert.equal(done.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(done.output), { greeting: "Hi Ada" });
  assert.ok(done.startDate instanceof Date);
  const { events } = await send("GetExecutionHistory", { executionArn });
  assert.deepEqual(events.map((e) => e.type),
    ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  const listed = await send("ListExecutions", { stateMachineArn, statusFilter: "SUCCEEDED" });
  assert.equal(listed.executions[0].executionArn, executionArn);
}

async function syncAndTestState() {
  const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
  const { stateMachineArn } = await send("CreateStateMachine",
    { name: "js-express", definition, roleArn: ROLE, type: "EXPRESS" });
  const sync = await send("StartSyncExecution", { stateMachineArn, input: '{"a":1}' });
  assert.equal(sync.status, "SUCCEEDED");
  assert.equal(sync.output, '{"a":1}');
  const tested = await send("TestState", {
    definition: JSON.stringify({ Type: "Pass", InputPath: "$.in", Next: "Next" }),
    input: '{"in":{"b":2}}', inspectionLevel: "DEBUG" });
  assert.equal(tested.status, "SUCCEEDED");
  assert.equal(tested.nextState, "Next");
  assert.equal(tested.inspectionData.afterInputPath, '{"b":2}');
}

async function activityWorker() {
  const { activityArn } = await send("CreateActivity", { name: "js-worker" });
  const definition = JSON.stringify({ StartAt: "Work", States: {
    Work: { Type: "Task", Resource: activityArn, TimeoutSeconds: 30, End: true } } });
  const { stateMachineArn } = await send("CreateStateMachine", { name: "js-activity", definition, roleArn: ROLE });
  const { executionArn } = await send("StartExecution", { stateMachineArn, input: '{"job":7}' });
  const task = await send("GetActivityTask", { activityArn, workerName: "js" });
  assert.equal(JSON.parse(task.input).job, 7);
  await send("SendTaskSuccess", { taskToken: task.taskToken, output: '{"done":true}' });
  const done = await waitDone(executionArn);
  assert.equal(done.status, "SUCCEEDED");
  assert.equal(done.output, '{"done":true}');
}

async function errors() {
  const missing = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";
  assert.equal(await errorName("DescribeStateMachine", { stateMachineArn: missing }), "StateMachineDoesNotExist");
  assert.equal(await errorName("DescribeExecution", { executionArn: "nope" }), "InvalidArn");
  assert.equal(await errorName("CreateStateMachine", { name: "bad", definition: "{}", roleArn: ROLE }),
    "InvalidDefinition");
  assert.equal(await errorName("SendTaskSuccess", { taskToken: "nope", output: "{}" }), "InvalidToken");
}

let failed = false;
for (const test of [executions, syncAndTestState, activityWorker, errors]) {
  try {
    await test();
    console.log(`ok   ${test.name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${test.name}: ${e.stack}`);
  }
}
proc.kill("SIGTERM");
await once(proc, "exit");
process.exit(failed ? 1 : 0);

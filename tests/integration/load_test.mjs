// A load test through a real client (the AWS SDK for JavaScript v3, pinned
// in package.json), on loopback only and bounded in count and time.
//
// CLIENTS concurrent clients (each its own SFNClient and connection) each
// run EXECUTIONS executions of one state machine with a Task (an echo
// route), a Wait and an inline Map, one after the other: StartExecution,
// DescribeExecution polled until the execution ends, then its whole history
// read through GetExecutionHistory pages (maxResults + nextToken). Every
// tenth execution is meant to fail (its input sends it to a Fail state).
// Checked: every call answered without error (no 5xx, no retries: the SDK
// is told to make one attempt), every execution ended as its definition
// says with the output it computes, every history complete and consistent
// (ids 1..n, each previousEventId an earlier event, one terminal event, and
// last, the event types the path through the definition gives), and
// afterwards ListExecutions lists exactly the executions started, with the
// right counts per status. Prints throughput and latency percentiles.
//
// Usage: node load_test.mjs PATH/TO/sfn-local [--full] [--clients N]
//            [--executions N] [--max-seconds S]
// Default (ctest): 10 clients x 30 executions. --full: 100 x 1,000.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const require = createRequire(import.meta.url);
let S;
try {
  S = require("@aws-sdk/client-sfn");
} catch {
  console.error("@aws-sdk/client-sfn is not installed: run scripts/install-test-deps.sh");
  process.exit(1);
}

function options(argv) {
  const o = { binary: argv[2], clients: 10, executions: 30, maxSeconds: 300 };
  for (let i = 3; i < argv.length; i++) {
    if (argv[i] === "--full") Object.assign(o, { clients: 100, executions: 1000, maxSeconds: 3600 });
    else if (argv[i] === "--clients") o.clients = Number(argv[++i]);
    else if (argv[i] === "--executions") o.executions = Number(argv[++i]);
    else if (argv[i] === "--max-seconds") o.maxSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!o.binary || !(o.clients > 0) || !(o.executions > 0)) {
    console.error("usage: node load_test.mjs PATH/TO/sfn-local [--full] [--clients N] [--executions N]");
    process.exit(2);
  }
  return o;
}

const ROLE = "arn:aws:iam::123456789012:role/load";
const TASK = "arn:aws:states:::dynamodb:putItem";
const DEFINITION = {
  StartAt: "Work",
  States: {
    Work: { Type: "Task", Resource: TASK, Parameters: { "n.$": "$.n" }, ResultPath: "$.stored",
            Next: "Pause" },
    Pause: { Type: "Wait", Seconds: 1, Next: "Fan" },
    Fan: { Type: "Map", ItemsPath: "$.items", MaxConcurrency: 1, ResultPath: "$.mapped",
           ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Wrap",
                            States: { Wrap: { Type: "Pass", Parameters: { "v.$": "$" }, End: true } } },
           Next: "Decide" },
    Decide: { Type: "Choice", Choices: [{ Variable: "$.fail", BooleanEquals: true, Next: "Boom" }],
              Default: "Done" },
    Boom: { Type: "Fail", Error: "Load.Planned", Cause: "every tenth execution fails" },
    Done: { Type: "Pass", Parameters: { "n.$": "$.n", "stored.$": "$.stored.n", "mapped.$": "$.mapped" },
            End: true },
  },
};
const ITERATION = ["MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded"];
const COMMON = ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
  "TaskStateExited", "WaitStateEntered", "WaitStateExited", "MapStateEntered", "MapStateStarted",
  ...ITERATION, ...ITERATION, ...ITERATION, "MapStateSucceeded", "MapStateExited",
  "ChoiceStateEntered", "ChoiceStateExited"];
const SUCCEEDED_TYPES = [...COMMON, "PassStateEntered", "PassStateExited", "ExecutionSucceeded"];
const FAILED_TYPES = [...COMMON, "FailStateEntered", "ExecutionFailed"];
const TERMINAL = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

const latencies = {};  // action -> [ms]
const failures = [];   // calls that did not succeed
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeClient(endpoint) {
  const client = new S.SFNClient({
    endpoint, region: "us-east-1", maxAttempts: 1,
    credentials: { accessKeyId: "x", secretAccessKey: "y" },
  });
  return async (action, input) => {
    const started = process.hrtime.bigint();
    try {
      return await client.send(new S[`${action}Command`](input));
    } catch (e) {
      failures.push({ action, name: e.name, status: e.$metadata?.httpStatusCode, message: e.message });
      throw e;
    } finally {
      (latencies[action] ??= []).push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
}

async function startServer(binary) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfn-load-"));
  const routes = path.join(dir, "routes.json");
  fs.writeFileSync(routes, JSON.stringify({ routes: [{ resource: TASK, echo: true }] }));
  // Wait states last a tenth of their seconds: the test is about the
  // server's handling of many executions, not about waiting.
  // Every execution is checked afterwards: none may be evicted meanwhile.
  const proc = spawn(binary, ["serve", "--port", "0", "--config", routes, "--wait-scale", "0.1",
                              "--max-executions", "0"],
    { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(readline.createInterface({ input: proc.stdout }), "line");
  return { proc, dir, endpoint: line.match(/listening on (http:\/\/\S+)$/)[1] };
}

function checkHistory(events, fail, label) {
  assert.deepEqual(events.map((e) => e.type), fail ? FAILED_TYPES : SUCCEEDED_TYPES, label);
  events.forEach((e, i) => {
    assert.equal(e.id, i + 1, `${label}: event ids run 1..n`);
    assert.ok(e.previousEventId >= 0 && e.previousEventId < e.id,
      `${label}: event ${e.id} follows an earlier event (previousEventId ${e.previousEventId})`);
  });
  assert.equal(events.filter((e) => TERMINAL.has(e.type)).length, 1, `${label}: one terminal event`);
}

async function readHistory(send, executionArn) {
  const events = [];
  let nextToken;
  do {
    const page = await send("GetExecutionHistory", { executionArn, maxResults: 10, nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

async function runOne(send, stateMachineArn, n) {
  const fail = n % 10 === 9;
  const items = [n, n + 1, n + 2];
  const { executionArn } = await send("StartExecution",
    { stateMachineArn, name: `load-${n}`, input: JSON.stringify({ n, fail, items }) });
  let d;
  for (;;) {
    await sleep(100);
    d = await send("DescribeExecution", { executionArn });
    if (d.status !== "RUNNING") break;
  }
  const label = `execution load-${n}`;
  if (fail) {
    assert.deepEqual([d.status, d.error, d.cause], ["FAILED", "Load.Planned", "every tenth execution fails"], label);
  } else {
    assert.equal(d.status, "SUCCEEDED", label);
    assert.deepEqual(JSON.parse(d.output), { n, stored: n, mapped: items.map((v) => ({ v })) }, label);
  }
  checkHistory(await readHistory(send, executionArn), fail, label);
  return executionArn;
}

async function listAll(send, stateMachineArn, statusFilter) {
  const arns = [];
  let nextToken;
  do {
    const page = await send("ListExecutions", { stateMachineArn, statusFilter, maxResults: 1000, nextToken });
    arns.push(...page.executions.map((e) => e.executionArn));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

function report(o, seconds, total) {
  const all = Object.values(latencies).flat().sort((a, b) => a - b);
  console.log(`${o.clients} clients x ${o.executions} executions = ${total} executions in ${seconds.toFixed(1)} s: ` +
    `${(total / seconds).toFixed(0)} executions/s, ${(all.length / seconds).toFixed(0)} requests/s`);
  const row = (name, xs) => `  ${name.padEnd(20)} ${String(xs.length).padStart(8)} calls  p50 ` +
    `${percentile(xs, 50).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms  max ${xs[xs.length - 1].toFixed(1)} ms`;
  for (const [action, xs] of Object.entries(latencies)) console.log(row(action, xs.sort((a, b) => a - b)));
  console.log(row("all", all));
}

async function main() {
  const o = options(process.argv);
  const timer = setTimeout(() => {
    console.error(`load test: not done within ${o.maxSeconds} s`);
    process.exit(1);
  }, o.maxSeconds * 1000);
  const server = await startServer(o.binary);
  let code = 1;
  try {
    const send = makeClient(server.endpoint);
    const { stateMachineArn } = await send("CreateStateMachine",
      { name: "load", definition: JSON.stringify(DEFINITION), roleArn: ROLE });
    const started = process.hrtime.bigint();
    const clients = Array.from({ length: o.clients }, async (_, c) => {
      const clientSend = makeClient(server.endpoint);
      const arns = [];
      for (let i = 0; i < o.executions; i++) arns.push(await runOne(clientSend, stateMachineArn, c * o.executions + i));
      return arns;
    });
    const arns = (await Promise.all(clients)).flat();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const total = o.clients * o.executions;
    const failing = Array.from({ length: total }, (_, n) => n).filter((n) => n % 10 === 9).length;
    assert.deepEqual(new Set(await listAll(send, stateMachineArn)), new Set(arns), "every execution is listed");
    assert.equal((await listAll(send, stateMachineArn, "SUCCEEDED")).length, total - failing);
    assert.equal((await listAll(send, stateMachineArn, "FAILED")).length, failing);
    assert.equal((await listAll(send, stateMachineArn, "RUNNING")).length, 0);
    report(o, seconds, total);
    code = 0;
  } catch (e) {
    console.error(e);
  } finally {
    if (failures.length) {
      code = 1;
      const fiveHundreds = failures.filter((f) => f.status >= 500).length;
      console.error(`${failures.length} calls failed (${fiveHundreds} with a 5xx), first:`, failures.slice(0, 5));
    }
    server.proc.kill("SIGTERM");
    const [exit] = await once(server.proc, "exit");
    if (exit !== 0) {
      console.error(`sfn-local exited with ${exit}`);
      code = 1;
    }
    fs.rmSync(server.dir, { recursive: true, force: true });
    clearTimeout(timer);
  }
  process.exit(code);
}

await main();

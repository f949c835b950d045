// The web console in a real browser: Debian's Chromium driven by
// playwright-core (pinned in tests/integration/package.json) against the real
// binary, with the AWS SDK for JavaScript v3 as the reference client.
// It runs a state machine with a Parallel, a Retry and a Catch and checks the
// execution page: each state's outcome class on the graph, a clicked state's
// output, the history table against GetExecutionHistory; then starts an
// execution from the form, answers the human-approval sample's task token
// and an activity task from the page, follows a running execution live,
// stops and redrives one, and checks that the page logged no console error
// and that --no-console turns the pages off. Screenshots of the main pages
// go to SCREENSHOT_DIR.
//
// Usage: node console_test.mjs PATH/TO/sfn-local SCREENSHOT_DIR SAMPLES_DIR
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

const require = createRequire(import.meta.url);
let S, chromium;
try {
  S = require("@aws-sdk/client-sfn");
  ({ chromium } = require("playwright-core"));
} catch {
  console.error("@aws-sdk/client-sfn or playwright-core is not installed: run scripts/install-test-deps.sh");
  process.exit(1);
}
const [binary, shots, samples] = process.argv.slice(2);
const CHROMIUM = process.env.SFN_CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: run scripts/install-test-deps.sh`);
  process.exit(1);
}
fs.mkdirSync(shots, { recursive: true });
const ROLE = "arn:aws:iam::123456789012:role/console";

async function serve(extra) {
  const proc = spawn(binary, ["serve", "--port", "0", "--wait-scale", "0", ...extra],
                     { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(readline.createInterface({ input: proc.stdout }), "line");
  return { proc, endpoint: line.match(/listening on (http:\/\/\S+)$/)[1] };
}

const { proc, endpoint } = await serve([]);
const client = new S.SFNClient({
  endpoint, region: "us-east-1", disableHostPrefix: true,
  credentials: { accessKeyId: "x", secretAccessKey: "y" },
});
const send = (name, input) => client.send(new S[`${name}Command`](input));

async function waitStatus(executionArn, wanted) {
  for (let i = 0; i < 400; i++) {
    const d = await send("DescribeExecution", { executionArn });
    if (d.status === wanted) return d;
    if (d.status !== "RUNNING") throw new Error(`${executionArn}: ${d.status}, expected ${wanted}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${executionArn} did not reach ${wanted}`);
}

async function fullHistory(executionArn) {
  const events = [];
  let nextToken;
  do {
    const page = await send("GetExecutionHistory", { executionArn, nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

// A Parallel whose second branch has a Task that fails, is retried twice and
// then caught; a Choice after it; a Fail state that is never reached.
const demo = {
  Comment: "Console test: a Parallel, a Retry and a Catch",
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { ok: true }, Next: "Fanout" },
    Fanout: {
      Type: "Parallel", Next: "Check",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
        { StartAt: "Flaky", States: {
          Flaky: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:Missing",
                   Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2, IntervalSeconds: 1 }],
                   Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Recovered" }],
                   End: true },
          Recovered: { Type: "Pass", End: true } } },
      ],
    },
    Check: { Type: "Choice", Choices: [{ Variable: "$[0].ok", BooleanEquals: true, Next: "Done" }],
             Default: "Never" },
    Done: { Type: "Succeed" },
    Never: { Type: "Fail", Error: "Unexpected", Cause: "not reached" },
  },
};

const { stateMachineArn: demoArn } = await send("CreateStateMachine",
  { name: "ConsoleDemo", definition: JSON.stringify(demo), roleArn: ROLE });
const { executionArn: demoRun } = await send("StartExecution", { stateMachineArn: demoArn, name: "demo-1" });
await waitStatus(demoRun, "SUCCEEDED");

// The human-approval sample as `make run` serves it, but with nothing
// answering its Lambda: its task token waits for the page.
const approval = fs.readFileSync(path.join(samples, "human-approval.asl.json"), "utf8");
const { stateMachineArn: approvalArn } = await send("CreateStateMachine",
  { name: "HumanApproval", definition: approval, roleArn: ROLE });
const startApproval = async (name) => (await send("StartExecution",
  { stateMachineArn: approvalArn, name, input: JSON.stringify({ requestId: name }) })).executionArn;
const approvalRun = await startApproval("approve-from-page");

const { activityArn } = await send("CreateActivity", { name: "console-review" });
const { stateMachineArn: reviewArn } = await send("CreateStateMachine", {
  name: "ActivityReview", roleArn: ROLE,
  definition: JSON.stringify({ StartAt: "Review", States: { Review: { Type: "Task", Resource: activityArn, End: true } } }) });
const { executionArn: reviewRun } = await send("StartExecution", { stateMachineArn: reviewArn, input: '{"doc":7}' });

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(e.message));
const shot = (name) => page.screenshot({ path: path.join(shots, name), fullPage: true });
const open = async (hash) => {
  await page.goto(`${endpoint}/${hash}`);
  await page.waitForFunction(() => document.body.dataset.ready);
};

async function stateMachinesPage() {
  await open("#/");
  const row = page.locator('#machines tr[data-machine="ConsoleDemo"]');
  await row.waitFor();
  assert.match(await row.innerText(), /STANDARD/);
  await page.locator('#machines tr[data-machine="ConsoleDemo"] .counts', { hasText: "SUCCEEDED" }).waitFor();
  await shot("state-machines.png");
  await open(`#/machine/${encodeURIComponent(demoArn)}`);
  await page.locator("#graph g.state").first().waitFor();
  assert.deepEqual(JSON.parse(await page.locator("#definition").innerText()), demo);
  await page.locator('#executions tr[data-execution="demo-1"]').waitFor();
  await shot("state-machine.png");
}

async function executionPage() {
  await open(`#/execution/${encodeURIComponent(demoRun)}`);
  const events = await fullHistory(demoRun);
  await page.waitForFunction((n) => document.querySelectorAll("#history tbody tr").length === n, events.length);
  const classes = await page.$$eval("#graph g.state", (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.id.slice(6), [...n.classList].filter((c) => c.startsWith("st-")).sort()])));
  assert.deepEqual(classes, {
    Prepare: ["st-succeeded"], Fanout: ["st-succeeded"], Left: ["st-succeeded"],
    Flaky: ["st-caught", "st-retried"], Recovered: ["st-succeeded"], Check: ["st-succeeded"],
    Done: ["st-succeeded"], Never: ["st-not-reached"],
  });
  // Clicking a state shows what it did.
  const exitedOutput = (name) => JSON.parse(events.find((e) => e.type.endsWith("StateExited") &&
    e.stateExitedEventDetails.name === name).stateExitedEventDetails.output);
  for (const name of ["Flaky", "Recovered"]) {
    await page.click(`#graph g.state[id="state:${name}"]`);
    await page.locator("#state-name", { hasText: name }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator("#state-output").innerText()), exitedOutput(name));
  }
  await page.click('#graph g.state[id="state:Flaky"]');
  assert.equal(await page.locator("#state-attempts").innerText(), "3");
  assert.equal(await page.locator("#state-attempt-list tbody tr").count(), 3);
  assert.match(await page.locator("#state-attempt-list tbody tr").nth(2).innerText(), /ResourceNotFoundException/);
  assert.match(await page.locator("#state-error").innerText(), /Lambda\.ResourceNotFoundException/);
  // The history table is GetExecutionHistory, event for event.
  const rows = await page.$$eval("#history tbody tr", (trs) => trs.map((tr) => {
    const cells = [...tr.children].map((td) => td.textContent);
    const pre = tr.querySelector("pre");
    return { id: Number(cells[0]), type: cells[1], previousEventId: cells[2] === "" ? undefined : Number(cells[2]),
             timestamp: cells[3], key: pre && pre.dataset.details, details: pre && JSON.parse(pre.textContent) };
  }));
  assert.equal(rows.length, events.length);
  events.forEach((e, i) => {
    const key = Object.keys(e).find((k) => k.endsWith("EventDetails"));
    assert.deepEqual(rows[i], { id: e.id, type: e.type, previousEventId: e.previousEventId,
      timestamp: e.timestamp.toISOString(), key: key || null, details: key ? e[key] : null });
  });
  assert.equal(await page.locator("#transitions").innerText(),
    String(events.filter((e) => e.type.endsWith("StateEntered")).length));
  await page.click('#graph g.state[id="state:Fanout"]');
  await page.locator("#branches").waitFor();
  await page.click('#graph g.state[id="state:Flaky"]');
  await shot("execution.png");
  await page.screenshot({ path: path.join(shots, "execution-viewport.png") });  // docs/console-execution.png
}

// A Map whose second item fails (MaxConcurrency 1: the third never starts)
// and whose Catch takes over: iterations are counted and shown one by one.
async function mapIterations() {
  const definition = JSON.stringify({ StartAt: "Each", States: {
    Each: { Type: "Map", MaxConcurrency: 1, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }], End: true,
      ItemProcessor: { StartAt: "Odd", States: {
        Odd: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 2, Next: "Bad" }], Default: "Fine" },
        Bad: { Type: "Fail", Error: "Even", Cause: "two" },
        Fine: { Type: "Pass", End: true } } } },
    Handled: { Type: "Pass", End: true } } });
  const { stateMachineArn } = await send("CreateStateMachine", { name: "ConsoleMap", definition, roleArn: ROLE });
  const { executionArn } = await send("StartExecution", { stateMachineArn, input: "[1, 2, 3]" });
  await waitStatus(executionArn, "SUCCEEDED");
  await open(`#/execution/${encodeURIComponent(executionArn)}`);
  await page.locator('#graph g.state.st-caught[id="state:Each"]').waitFor();
  await page.click('#graph g.state[id="state:Each"]');
  const counts = await page.locator("#iterations .counts").innerText();
  assert.match(counts, /SUCCEEDED\s+1/);
  assert.match(counts, /FAILED\s+1/);
  await page.selectOption("#iteration-select", "1");
  assert.match(await page.locator("#iteration-events").innerText(), /FailStateEntered \(Bad\)/);
  assert.doesNotMatch(await page.locator("#iteration-events").innerText(), /Fine/);
  await shot("map-iterations.png");
}

async function startFromForm() {
  await open(`#/start/${encodeURIComponent(demoArn)}`);
  await page.fill("#start-input", '{"broken": ');
  assert.ok(await page.locator("#start-button").isDisabled());
  assert.match(await page.locator("#start-input-error").innerText(), /not valid JSON/);
  await page.fill("#start-name", "from-the-form");
  await page.fill("#start-input", '{"from": "form"}');
  assert.ok(await page.locator("#start-button").isEnabled());
  await shot("start-execution.png");
  await page.click("#start-button");
  await page.locator('[data-fact="Status"] .status.SUCCEEDED').waitFor();
  const arn = demoArn.replace(":stateMachine:", ":execution:") + ":from-the-form";
  const d = await waitStatus(arn, "SUCCEEDED");
  assert.deepEqual(JSON.parse(d.input), { from: "form" });
  await open("#/executions?status=SUCCEEDED");
  await page.locator('#executions tr[data-execution="from-the-form"]').waitFor();
  await shot("executions.png");
}

async function answerTasks() {
  await open("#/tasks");
  const card = page.locator('.task[data-state="RequestApproval"]');
  await card.waitFor();
  assert.equal(JSON.parse(await card.locator(".task-input").innerText()).Payload.request.requestId, "approve-from-page");
  const review = page.locator('.task[data-state="Review"]');
  await review.waitFor();
  await shot("waiting-tasks.png");
  await card.locator(".task-output").fill('{"approved": true, "approver": "console"}');
  await card.locator(".send-success").click();
  const approved = await waitStatus(approvalRun, "SUCCEEDED");
  assert.deepEqual(JSON.parse(approved.output), { requestId: "approve-from-page", approved: true, approver: "console" });
  // The activity task is still queued: the page takes it (GetActivityTask) first.
  await review.locator(".task-output").fill('{"reviewed": 1}');
  await review.locator(".send-success").click();
  const reviewed = await waitStatus(reviewRun, "SUCCEEDED");
  assert.deepEqual(JSON.parse(reviewed.output), { reviewed: 1 });
  await page.locator(".task").first().waitFor({ state: "detached" });
}

async function liveStopAndRedrive() {
  const live = await startApproval("followed-live");
  await open(`#/execution/${encodeURIComponent(live)}`);
  await page.locator('#graph g.state.st-running[id="state:RequestApproval"]').waitFor();
  await page.locator('#execution-tasks .task[data-state="RequestApproval"]').waitFor();
  const [task] = (await (await fetch(`${endpoint}/console/api/waiting-tasks`)).json()).tasks
    .filter((t) => t.executionArn === live);
  await send("SendTaskFailure", { taskToken: task.taskToken, error: "ApprovalRejected", cause: "no" });
  // No reload: the page follows the execution by itself.
  await page.locator('[data-fact="Status"] .status.FAILED').waitFor();
  await page.locator('#graph g.state.st-caught[id="state:RequestApproval"]').waitFor();
  await page.locator('#graph g.state.st-failed[id="state:RequestRejected"]').waitFor();

  const stopped = await startApproval("stopped-from-page");
  await open(`#/execution/${encodeURIComponent(stopped)}`);
  await page.click("#stop-button");
  await page.locator('[data-fact="Status"] .status.ABORTED').waitFor();
  await waitStatus(stopped, "ABORTED");
  await page.click("#redrive-button");
  await page.locator('[data-fact="Status"] .status.RUNNING').waitFor();
  const d = await send("DescribeExecution", { executionArn: stopped });
  assert.equal(d.redriveCount, 1);
  await send("StopExecution", { executionArn: stopped });
}

async function errorsAndNoConsole() {
  await open(`#/execution/${encodeURIComponent(demoRun.replace("demo-1", "nope"))}`);
  assert.match(await page.locator("#page-error").innerText(), /ExecutionDoesNotExist/);
  const off = await serve(["--no-console"]);
  try {
    assert.equal((await fetch(`${off.endpoint}/`)).status, 404);
    assert.equal((await fetch(`${off.endpoint}/console/app.js`)).status, 404);
  } finally {
    off.proc.kill("SIGTERM");
  }
  assert.equal((await fetch(`${endpoint}/console/graph.svg`)).status, 400);
}

// serve --watch: an invalid edit is reported on the page and keeps the good
// definition; a valid one redraws the open graph.
async function watchRedraws() {
  const dir = fs.mkdtempSync(path.join(shots, "watch-"));
  const file = path.join(dir, "watched.asl.json");
  const machine = (states) => JSON.stringify({ StartAt: "First", States: states });
  fs.writeFileSync(file, machine({ First: { Type: "Pass", End: true } }));
  fs.writeFileSync(path.join(dir, "routes.json"), JSON.stringify(
    { routes: [], stateMachines: [{ name: "Watched", definition: "watched.asl.json" }] }));
  const watched = await serve(["--config", path.join(dir, "routes.json"), "--watch"]);
  try {
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Watched";
    await page.goto(`${watched.endpoint}/#/machine/${encodeURIComponent(arn)}`);
    await page.waitForFunction(() => document.body.dataset.ready);
    await page.locator('#graph g[id="state:First"]').waitFor();
    fs.writeFileSync(file, machine({ First: { Type: "Pass", Next: "Missing" } }));
    await page.locator("#watch.error").waitFor({ timeout: 10000 });
    assert.match(await page.locator("#watch").innerText(), /MISSING_TRANSITION_TARGET/);
    assert.equal(await page.locator('#graph g[id="state:First"]').count(), 1);
    fs.writeFileSync(file, machine({ First: { Type: "Pass", Next: "Second" },
                                     Second: { Type: "Succeed" } }));
    await page.locator('#graph g[id="state:Second"]').waitFor({ timeout: 10000 });
    assert.match(await page.locator("#definition").innerText(), /Second/);
    await shot("watch.png");
  } finally {
    watched.proc.kill("SIGTERM");
  }
}

// A page from another origin cannot start anything: neither a simple
// (no-preflight) text/plain POST nor a JSON one that needs a preflight.
async function crossOriginRefused() {
  const other = await serve(["--no-console"]);
  try {
    const before = (await send("ListExecutions", { stateMachineArn: demoArn })).executions.length;
    await page.goto(`${other.endpoint}/health`);
    const outcomes = await page.evaluate(async ({ target, arn }) => {
      const body = JSON.stringify({ stateMachineArn: arn });
      const headers = { "X-Amz-Target": "AWSStepFunctions.StartExecution" };
      const tries = [
        fetch(target, { method: "POST", mode: "no-cors", body,
                        headers: { "Content-Type": "text/plain" } }).then((r) => r.type),
        fetch(target, { method: "POST", body,
                        headers: { ...headers, "Content-Type": "application/x-amz-json-1.0" } })
          .then((r) => "answered " + r.status, (e) => "blocked: " + e.name),
      ];
      return Promise.all(tries);
    }, { target: `${endpoint}/`, arn: demoArn });
    assert.equal(outcomes[1].startsWith("answered 2"), false, outcomes.join(", "));
    const after = (await send("ListExecutions", { stateMachineArn: demoArn })).executions.length;
    assert.equal(after, before, "a cross-origin POST started an execution");
  } finally {
    other.proc.kill("SIGTERM");
  }
}

let failed = false;
try {
  for (const step of [stateMachinesPage, executionPage, mapIterations, startFromForm, answerTasks,
                      liveStopAndRedrive, watchRedraws]) {
    await step();
    console.log(`ok ${step.name}`);
  }
  assert.deepEqual(consoleErrors, [], "the page logged console errors");
  // Last: a page for an execution that does not exist (the browser logs
  // the API's 400 answer itself).
  await errorsAndNoConsole();
  console.log("ok errorsAndNoConsole");
  await crossOriginRefused();  // the refused fetches are logged by the browser too
  console.log("ok crossOriginRefused");
} catch (e) {
  failed = true;
  console.error(e);
  await shot("failure.png").catch(() => {});
} finally {
  await browser.close();
  proc.kill("SIGTERM");
}
process.exit(failed ? 1 : 0);

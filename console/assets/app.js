// sfn-local console: a single page over the Step Functions API (same-origin
// POST / with X-Amz-Target) and the console's read-only GET endpoints
// (/console/graph.svg, /console/api/outline, /console/api/waiting-tasks).
// Plain JavaScript, no framework, no build step.
'use strict';

const POLL_MS = 800;
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
let pollTimer = null;
let routeSerial = 0;

// ---------- API access ----------

async function api(action, body) {
  const res = await fetch('/', {
    method: 'POST',
    headers: {'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.' + action},
    body: JSON.stringify(body || {}),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const type = String(data.__type || res.status).split('#').pop();
    throw new Error(type + ': ' + (data.message || data.Message || text));
  }
  return data;
}

async function getJson(path) {
  const res = await fetch(path);
  const text = await res.text();
  if (!res.ok) throw new Error(text);
  return JSON.parse(text);
}

// Follows nextToken; `key` names the answer's list.
async function apiAll(action, body, key) {
  const out = [];
  let token;
  do {
    const page = await api(action, Object.assign({}, body, token ? {nextToken: token} : {}));
    out.push(...(page[key] || []));
    token = page.nextToken;
  } while (token);
  return out;
}

const listMachines = () => apiAll('ListStateMachines', {maxResults: 1000}, 'stateMachines');
const listExecutions = (arn, statusFilter) =>
  apiAll('ListExecutions', Object.assign({stateMachineArn: arn, maxResults: 1000},
                                         statusFilter ? {statusFilter} : {}), 'executions');
const history = (arn) => apiAll('GetExecutionHistory', {executionArn: arn, maxResults: 1000}, 'events');

// ---------- DOM helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const view = () => document.getElementById('view');
function show(...nodes) { view().replaceChildren(...nodes); }

function toast(message, isError) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = isError ? 'error' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, isError ? 8000 : 3000);
}

const epoch = (v) => (v instanceof Date ? v.getTime() / 1000 : Number(v));
const fmtTime = (v) => (v === undefined || v === null ? '' : new Date(epoch(v) * 1000).toISOString());
function fmtDuration(from, to) {
  if (!from) return '';
  const ms = Math.max(0, ((to ? epoch(to) : Date.now() / 1000) - epoch(from)) * 1000);
  return ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(ms < 60000 ? 3 : 0) + ' s';
}
const statusTag = (s) => h('span', {class: 'status ' + s}, s);
function pretty(text) {
  if (text === undefined || text === null) return '';
  try { return JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text, null, 2); } catch (e) { return String(text); }
}
const machineLink = (arn, name) => h('a', {href: '#/machine/' + encodeURIComponent(arn)}, name || arn.split(':').pop());
const executionLink = (arn, name) => h('a', {href: '#/execution/' + encodeURIComponent(arn)}, name || arn.split(':').pop());

function poll(fn) {
  const serial = routeSerial;
  const tick = async () => {
    if (serial !== routeSerial) return;
    try { await fn(); } catch (e) { console.warn(e); }
    if (serial === routeSerial) pollTimer = setTimeout(tick, POLL_MS);
  };
  pollTimer = setTimeout(tick, POLL_MS);
}

// ---------- State machines ----------

async function machinesPage() {
  const body = h('tbody');
  show(h('h1', {}, 'State machines'),
       h('table', {id: 'machines'}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'),
         h('th', {}, 'Created'), h('th', {}, 'Executions by status'))), body));
  const render = async () => {
    const machines = await listMachines();
    const rows = await Promise.all(machines.map(async (m) => {
      const counts = {};
      for (const e of await listExecutions(m.stateMachineArn)) counts[e.status] = (counts[e.status] || 0) + 1;
      return h('tr', {'data-machine': m.name}, h('td', {}, machineLink(m.stateMachineArn, m.name)), h('td', {}, m.type),
               h('td', {}, fmtTime(m.creationDate)),
               h('td', {class: 'counts'}, Object.keys(counts).length ? STATUSES.filter((s) => counts[s])
                 .map((s) => h('span', {}, statusTag(s), ' ', counts[s])) : h('span', {class: 'muted'}, 'none')));
    }));
    body.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', {colspan: 4, class: 'muted'},
      'No state machines yet: create one with CreateStateMachine or serve --config.'))]));
  };
  await render();
  poll(render);
}

async function machinePage(arn) {
  const m = await api('DescribeStateMachine', {stateMachineArn: arn});
  const [versions, aliases] = await Promise.all([
    apiAll('ListStateMachineVersions', {stateMachineArn: arn, maxResults: 1000}, 'stateMachineVersions').catch(() => []),
    apiAll('ListStateMachineAliases', {stateMachineArn: arn, maxResults: 1000}, 'stateMachineAliases').catch(() => [])]);
  const graph = h('div', {class: 'graph', id: 'graph'});
  const execBody = h('tbody');
  show(h('h1', {}, m.name),
       h('div', {class: 'toolbar'}, h('a', {href: '#/start/' + encodeURIComponent(arn)}, h('button', {class: 'primary'}, 'Start execution'))),
       h('div', {class: 'grid'},
         h('div', {}, graph),
         h('div', {},
           h('div', {class: 'card'}, h('dl', {class: 'facts'},
             h('dt', {}, 'ARN'), h('dd', {}, m.stateMachineArn), h('dt', {}, 'Type'), h('dd', {}, m.type),
             h('dt', {}, 'Status'), h('dd', {}, m.status || 'ACTIVE'), h('dt', {}, 'Created'), h('dd', {}, fmtTime(m.creationDate)),
             h('dt', {}, 'Role'), h('dd', {}, m.roleArn))),
           h('h2', {}, 'Versions'),
           versions.length ? h('ul', {id: 'versions'}, versions.map((v) => h('li', {}, v.stateMachineVersionArn.split(':').pop(),
             ' ', h('span', {class: 'muted'}, fmtTime(v.creationDate))))) : h('p', {class: 'muted'}, 'No versions.'),
           h('h2', {}, 'Aliases'),
           aliases.length ? h('ul', {id: 'aliases'}, aliases.map((a) => h('li', {}, a.stateMachineAliasArn.split(':').pop(),
             ' ', h('span', {class: 'muted'}, fmtTime(a.creationDate))))) : h('p', {class: 'muted'}, 'No aliases.'),
           h('h2', {}, 'Definition'), h('pre', {class: 'box', id: 'definition'}, pretty(m.definition)))),
       h('h2', {}, 'Executions'),
       h('table', {id: 'executions'}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'),
         h('th', {}, 'Started'), h('th', {}, 'Duration'))), execBody));
  await loadGraph(graph, '/console/graph.svg?stateMachineArn=' + encodeURIComponent(arn));
  const watch = h('div', {id: 'watch', hidden: true});
  view().insertBefore(watch, view().children[1]);
  let seen = m.revisionId || m.updateDate || m.creationDate;
  const render = async () => {
    const list = await listExecutions(arn);
    execBody.replaceChildren(...list.map(executionRow));
    // serve --watch updates the definition when its file changes: redraw.
    const now = await api('DescribeStateMachine', {stateMachineArn: arn});
    const revision = now.revisionId || now.updateDate || now.creationDate;
    if (revision !== seen) {
      seen = revision;
      document.getElementById('definition').textContent = pretty(now.definition);
      await loadGraph(graph, '/console/graph.svg?stateMachineArn=' + encodeURIComponent(arn));
    }
    await renderWatch(watch, arn);
  };
  await render();
  poll(render);
}

// The last error of serve --watch for this state machine, if it is watched.
// A server started without --watch never watches: asked once per page load.
let serverWatches = true;
async function renderWatch(box, arn) {
  if (!serverWatches) return;
  const res = await fetch('/console/api/watch');
  if (!res.ok) { box.hidden = true; return; }
  const status = await res.json();
  if (!status.watching) { serverWatches = false; box.hidden = true; return; }
  const mine = (status.stateMachines || []).find((w) => w.stateMachineArn === arn);
  if (!mine) { box.hidden = true; return; }
  box.hidden = false;
  box.className = mine.error ? 'card error' : 'card muted';
  box.replaceChildren(mine.error
    ? h('span', {}, 'Watching ' + mine.definitionPath + ': the last edit was refused, the previous definition stays. ',
        h('b', {}, mine.error.error), ': ' + (mine.error.cause || ''))
    : h('span', {}, 'Watching ' + mine.definitionPath + ' (' + mine.updates + ' updates).'));
}

function executionRow(e) {
  return h('tr', {'data-execution': e.name}, h('td', {}, executionLink(e.executionArn, e.name)), h('td', {}, statusTag(e.status)),
           h('td', {}, fmtTime(e.startDate)), h('td', {}, fmtDuration(e.startDate, e.stopDate)));
}

// ---------- Executions ----------

async function executionsPage(params) {
  const status = h('select', {id: 'status-filter'}, h('option', {value: ''}, 'any status'),
                   STATUSES.map((s) => h('option', {value: s}, s)));
  status.value = params.get('status') || '';
  const name = h('input', {id: 'name-filter', placeholder: 'name contains', value: params.get('name') || ''});
  const body = h('tbody');
  show(h('h1', {}, 'Executions'),
       h('div', {class: 'toolbar'}, status, name, h('a', {href: '#/start'}, h('button', {class: 'primary'}, 'Start execution'))),
       h('table', {id: 'executions'}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'State machine'),
         h('th', {}, 'Status'), h('th', {}, 'Started'), h('th', {}, 'Duration'))), body));
  const render = async () => {
    const machines = await listMachines();
    const all = (await Promise.all(machines.map((m) => listExecutions(m.stateMachineArn, status.value || undefined)
      .then((list) => list.map((e) => Object.assign(e, {machineName: m.name})))))).flat();
    const needle = name.value.trim().toLowerCase();
    const shown = all.filter((e) => !needle || e.name.toLowerCase().includes(needle))
      .sort((a, b) => epoch(b.startDate) - epoch(a.startDate));
    body.replaceChildren(...shown.map((e) => h('tr', {'data-execution': e.name},
      h('td', {}, executionLink(e.executionArn, e.name)), h('td', {}, machineLink(e.stateMachineArn, e.machineName)),
      h('td', {}, statusTag(e.status)), h('td', {}, fmtTime(e.startDate)), h('td', {}, fmtDuration(e.startDate, e.stopDate)))));
    if (!shown.length) body.replaceChildren(h('tr', {}, h('td', {colspan: 5, class: 'muted'}, 'No executions match.')));
  };
  status.addEventListener('change', render);
  name.addEventListener('input', render);
  await render();
  poll(render);
}

async function startPage(arn) {
  const machines = await listMachines();
  const select = h('select', {id: 'start-machine'}, machines.map((m) => h('option', {value: m.stateMachineArn}, m.name)));
  if (arn) select.value = arn;
  const name = h('input', {id: 'start-name', placeholder: 'optional: a unique name'});
  const input = h('textarea', {id: 'start-input', spellcheck: 'false'}, '{}');
  const problem = h('div', {class: 'error', id: 'start-input-error'});
  const start = h('button', {class: 'primary', id: 'start-button'}, 'Start');
  const check = () => {
    try { JSON.parse(input.value); problem.textContent = ''; input.classList.remove('invalid'); start.disabled = !select.value; return true; } catch (e) {
      problem.textContent = 'Input is not valid JSON: ' + e.message; input.classList.add('invalid'); start.disabled = true; return false;
    }
  };
  input.addEventListener('input', check);
  start.addEventListener('click', async () => {
    if (!check()) return;
    start.disabled = true;
    try {
      const body = {stateMachineArn: select.value, input: input.value};
      if (name.value.trim()) body.name = name.value.trim();
      const r = await api('StartExecution', body);
      location.hash = '#/execution/' + encodeURIComponent(r.executionArn);
    } catch (e) { toast(e.message, true); start.disabled = false; }
  });
  show(h('h1', {}, 'Start an execution'),
       h('div', {class: 'card'}, h('div', {class: 'row'}, h('label', {}, 'State machine '), select),
         h('div', {class: 'row'}, h('label', {}, 'Name '), name),
         h('label', {}, 'Input (JSON)'), input, problem, h('div', {class: 'row'}, start)));
  check();
}

// ---------- Graph ----------

async function loadGraph(container, url) {
  const res = await fetch(url);
  const text = await res.text();
  if (!res.ok) { container.replaceChildren(h('p', {class: 'error'}, text)); return null; }
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  container.replaceChildren(document.importNode(svg, true));
  return container.querySelector('svg');
}

const stateNodes = (container) => Array.from(container.querySelectorAll('g.state'));
const stateOf = (node) => node.id.slice('state:'.length);

function markGraph(container, states) {
  for (const node of stateNodes(container)) {
    const s = states[stateOf(node)];
    for (const c of Array.from(node.classList)) if (c.startsWith('st-')) node.classList.remove(c);
    node.classList.add('st-' + (s ? s.outcome : 'not-reached'));
    if (s && s.retried) node.classList.add('st-retried');
  }
}

const legend = () => h('div', {class: 'legend'}, [['succeeded', '#d4f4dd'], ['failed', '#fbd5d5'], ['caught', '#fde8c8'],
  ['running', '#d6e6ff'], ['not reached', '#f3f4f6']].map(([n, c]) => h('span', {}, h('i', {style: 'background:' + c}), n)),
  h('span', {}, h('i', {style: 'border-style:dashed;border-width:2px'}), 'retried'));

// ---------- One execution ----------

async function executionPage(arn) {
  const serial = routeSerial;
  const facts = h('dl', {class: 'facts', id: 'execution-facts'});
  const actions = h('div', {class: 'toolbar', id: 'execution-actions'});
  const graph = h('div', {class: 'graph', id: 'graph'});
  const detail = h('div', {class: 'card', id: 'state-detail'}, h('p', {class: 'muted'}, 'Click a state in the graph to see what it did.'));
  const tasks = h('div', {id: 'execution-tasks'});
  const historyBody = h('tbody');
  const io = h('div', {id: 'execution-io'});
  const title = h('h1', {}, arn.split(':').pop());
  show(title, actions,
       h('div', {class: 'grid'}, h('div', {}, graph, legend()),
         h('div', {}, h('div', {class: 'card'}, facts), tasks, detail, io)),
       h('h2', {}, 'Event history'),
       h('table', {id: 'history'}, h('thead', {}, h('tr', {}, h('th', {}, 'ID'), h('th', {}, 'Type'), h('th', {}, 'Previous event'),
         h('th', {}, 'Timestamp'), h('th', {}, 'Details'))), historyBody));
  const page = {arn, selected: null, outline: {states: {}, events: []}, events: [], definition: null};
  const defn = await api('DescribeStateMachineForExecution', {executionArn: arn});
  page.definition = JSON.parse(defn.definition);
  await loadGraph(graph, '/console/graph.svg?executionArn=' + encodeURIComponent(arn));
  graph.addEventListener('click', (ev) => {
    const node = ev.target.closest('g.state');
    if (!node) return;
    page.selected = stateOf(node);
    for (const n of stateNodes(graph)) n.classList.toggle('selected', n === node);
    renderDetail(page, detail);
  });
  let lastStatus = null;
  const render = async () => {
    const [d, outline, events] = await Promise.all([api('DescribeExecution', {executionArn: arn}),
      getJson('/console/api/outline?executionArn=' + encodeURIComponent(arn)), history(arn)]);
    if (serial !== routeSerial) return;
    page.outline = outline;
    page.events = events;
    title.textContent = d.name;
    renderFacts(facts, d, events);
    if (d.status !== lastStatus) renderActions(actions, d, render);
    lastStatus = d.status;
    markGraph(graph, outline.states);
    appendHistory(historyBody, events);
    io.replaceChildren(...[h('h2', {}, 'Execution input'), h('pre', {class: 'box'}, pretty(d.input)),
      d.output !== undefined ? [h('h2', {}, 'Execution output'), h('pre', {class: 'box', id: 'execution-output'}, pretty(d.output))] : [],
      d.error !== undefined || d.cause !== undefined ? [h('h2', {}, 'Error'), h('pre', {class: 'box'}, (d.error || '') + '\n' + (d.cause || ''))] : []].flat());
    const selectedNow = page.selected && JSON.stringify(outline.states[page.selected] || null);
    if (page.selected && selectedNow !== page.shownDetail) renderDetail(page, detail);
    await renderTasks(tasks, arn);
  };
  await render();
  // Live while the execution runs, plus one last refresh after it ends.
  let tail = 1;
  poll(async () => {
    const live = lastStatus === 'RUNNING' || lastStatus === 'PENDING_REDRIVE';
    if (live) tail = 1;
    if (live || tail-- > 0) await render();
  });
}

function renderFacts(facts, d, events) {
  const transitions = events.filter((e) => e.type.endsWith('StateEntered')).length;
  const pairs = [['Status', statusTag(d.status)], ['State machine', machineLink(d.stateMachineArn)],
    ['Started', fmtTime(d.startDate)], ['Stopped', fmtTime(d.stopDate)],
    ['Duration', h('span', {id: 'duration'}, fmtDuration(d.startDate, d.stopDate))],
    ['State transitions', h('span', {id: 'transitions'}, transitions)], ['ARN', d.executionArn]];
  if (d.redriveCount) pairs.push(['Redrives', d.redriveCount]);
  facts.replaceChildren(...pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {'data-fact': k}, v)]));
}

function renderActions(actions, d, refresh) {
  const buttons = [];
  if (d.status === 'RUNNING') {
    buttons.push(h('button', {class: 'danger', id: 'stop-button', onclick: async () => {
      try { await api('StopExecution', {executionArn: d.executionArn}); toast('Stopped.'); await refresh(); } catch (e) { toast(e.message, true); }
    }}, 'Stop'));
  }
  if (d.redriveStatus === 'REDRIVABLE') {
    buttons.push(h('button', {id: 'redrive-button', onclick: async () => {
      try { await api('RedriveExecution', {executionArn: d.executionArn}); toast('Redriven.'); await refresh(); } catch (e) { toast(e.message, true); }
    }}, 'Redrive'));
  }
  buttons.push(h('a', {href: '#/start/' + encodeURIComponent(d.stateMachineArn)}, h('button', {}, 'New execution')));
  actions.replaceChildren(...buttons);
}

function appendHistory(body, events) {
  const have = body.children.length;
  if (events.length < have) body.replaceChildren();
  for (const e of events.slice(body.children.length)) {
    const key = Object.keys(e).find((k) => k.endsWith('EventDetails'));
    body.append(h('tr', {'data-event-id': e.id}, h('td', {}, e.id), h('td', {}, e.type), h('td', {}, e.previousEventId ?? ''),
      h('td', {'data-epoch': epoch(e.timestamp)}, fmtTime(e.timestamp)),
      h('td', {}, key ? h('details', {}, h('summary', {}, key), h('pre', {'data-details': key}, JSON.stringify(e[key], null, 2))) : '')));
  }
}

// The branches (Parallel) or the processor (Map) of a state in the definition.
function findState(program, name) {
  for (const [n, s] of Object.entries(program.States || {})) {
    if (n === name) return s;
    for (const sub of [...(s.Branches || []), s.ItemProcessor || s.Iterator].filter(Boolean)) {
      const found = findState(sub, name);
      if (found) return found;
    }
  }
  return null;
}

function renderDetail(page, detail) {
  const name = page.selected;
  const s = page.outline.states[name];
  page.shownDetail = JSON.stringify(s || null);
  const state = findState(page.definition, name) || {};
  const parts = [h('h2', {id: 'state-name'}, name), h('p', {}, 'Type: ', state.Type || '?', ' · outcome: ',
    h('b', {id: 'state-outcome'}, s ? s.outcome : 'not reached'), s && s.retried ? ' (retried)' : '')];
  if (s) {
    parts.push(h('dl', {class: 'facts'}, h('dt', {}, 'Attempts'), h('dd', {id: 'state-attempts'}, s.attempts),
      h('dt', {}, 'Entered'), h('dd', {}, s.entered + '×, first ' + fmtTime(s.enteredAt)),
      h('dt', {}, 'Exited'), h('dd', {}, s.exited + '×' + (s.exitedAt ? ', last ' + fmtTime(s.exitedAt) : '')),
      h('dt', {}, 'Duration'), h('dd', {}, s.exitedAt ? fmtDuration(s.enteredAt, s.exitedAt) : '')));
    if ((s.attemptList || []).length) {
      parts.push(h('h2', {}, 'Attempts'), h('table', {id: 'state-attempt-list'},
        h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Started'), h('th', {}, 'Took'), h('th', {}, 'Error'))),
        h('tbody', {}, s.attemptList.map((a, i) => h('tr', {}, h('td', {}, i + 1), h('td', {}, fmtTime(a.startedAt)),
          h('td', {}, a.endedAt === null ? 'running' : fmtDuration(a.startedAt, a.endedAt)),
          h('td', {title: a.cause || undefined}, a.error === null ? '' : a.error))))));
    }
    parts.push(h('h2', {}, 'Input'), h('pre', {class: 'box', id: 'state-input'}, pretty(s.input)));
    if (s.output !== null) parts.push(h('h2', {}, 'Output'), h('pre', {class: 'box', id: 'state-output'}, pretty(s.output)));
    if (s.error !== null || s.cause !== null) {
      parts.push(h('h2', {}, 'Error'), h('pre', {class: 'box', id: 'state-error'}, (s.error || '') + '\n' + pretty(s.cause)));
    }
  }
  if (state.Type === 'Parallel') parts.push(branchPicker(page, state));
  if (state.Type === 'Map' && s) parts.push(iterationPicker(page, s));
  detail.replaceChildren(...parts);
}

// Parallel branches, one at a time: the states of the chosen branch.
function branchPicker(page, state) {
  const box = h('div', {id: 'branches'});
  const showBranch = (i) => {
    const branch = state.Branches[i];
    box.querySelectorAll('.tabs button').forEach((b, k) => b.classList.toggle('active', k === i));
    list.replaceChildren(...Object.keys(branch.States || {}).map((n) => {
      const o = page.outline.states[n];
      return h('li', {}, h('a', {href: '#', onclick: (ev) => { ev.preventDefault(); selectState(page, n); }}, n), ' — ', o ? o.outcome : 'not reached');
    }));
  };
  const list = h('ul');
  box.append(h('h2', {}, 'Branches'), h('div', {class: 'tabs'}, (state.Branches || []).map((b, i) =>
    h('button', {onclick: () => showBranch(i)}, 'Branch ' + (i + 1)))), list);
  if ((state.Branches || []).length) showBranch(0);
  return box;
}

// Map iterations counted by status, and one iteration's events at a time.
function iterationPicker(page, s) {
  const entries = Object.entries(s.iterations || {});
  const counts = {};
  for (const [, st] of entries) counts[st] = (counts[st] || 0) + 1;
  const select = h('select', {id: 'iteration-select'}, entries.map(([i, st]) => h('option', {value: i}, 'Iteration ' + i + ' — ' + st)));
  const events = h('ul', {id: 'iteration-events'});
  const showIteration = () => {
    const index = Number(select.value);
    events.replaceChildren(...page.events.filter((e, k) => page.outline.events[k] && page.outline.events[k].iteration === index)
      .map((e) => h('li', {}, '#' + e.id + ' ' + e.type + (page.outline.events[e.id - 1].state ? ' (' + page.outline.events[e.id - 1].state + ')' : ''))));
  };
  select.addEventListener('change', showIteration);
  const box = h('div', {id: 'iterations'}, h('h2', {}, 'Iterations'),
    h('p', {class: 'counts'}, Object.entries(counts).map(([st, n]) => h('span', {}, statusTag(st), ' ', n))), select, events);
  if (entries.length) showIteration();
  return box;
}

function selectState(page, name) {
  const graph = document.getElementById('graph');
  const node = stateNodes(graph).find((n) => stateOf(n) === name);
  if (node) node.dispatchEvent(new MouseEvent('click', {bubbles: true}));
}

// ---------- Waiting tasks ----------

async function tasksPage() {
  const box = h('div', {id: 'tasks'});
  show(h('h1', {}, 'Waiting tasks'),
       h('p', {class: 'muted'}, 'Tasks of running executions that wait for an answer: .waitForTaskToken callbacks and activity tasks. ' +
         'Answering calls SendTaskSuccess or SendTaskFailure (an activity task still queued is first taken with GetActivityTask).'), box);
  await renderTasks(box, null);
  poll(() => renderTasks(box, null));
}

// Keeps the cards of tasks still waiting (and what was typed in them),
// adds new ones, drops answered ones.
async function renderTasks(box, executionArn) {
  const {tasks} = await getJson('/console/api/waiting-tasks');
  const shown = tasks.filter((t) => !executionArn || t.executionArn === executionArn);
  const firstQueued = {};
  for (const t of shown) if (t.queued && !(t.resource in firstQueued)) firstQueued[t.resource] = t.taskToken;
  const keep = new Set(shown.map((t) => t.taskToken));
  for (const card of Array.from(box.querySelectorAll('.task'))) if (!keep.has(card.dataset.token)) card.remove();
  if (executionArn && shown.length && !box.querySelector('h2')) box.prepend(h('h2', {}, 'Waiting for an answer'));
  if (!shown.length) box.querySelectorAll('h2').forEach((e) => e.remove());
  for (const t of shown) {
    const existing = Array.from(box.querySelectorAll('.task')).find((c) => c.dataset.token === t.taskToken);
    const blocked = t.queued && firstQueued[t.resource] !== t.taskToken;
    if (existing) { existing.querySelectorAll('button').forEach((b) => { b.disabled = blocked; }); continue; }
    box.append(taskCard(t, blocked));
  }
  if (!executionArn && !shown.length && !box.querySelector('.none')) box.append(h('p', {class: 'muted none'}, 'No task is waiting.'));
  if (shown.length) box.querySelectorAll('.none').forEach((e) => e.remove());
}

function taskCard(t, blocked) {
  const output = h('textarea', {class: 'task-output', spellcheck: 'false'}, '{}');
  const error = h('input', {class: 'task-error', placeholder: 'error'});
  const cause = h('input', {class: 'task-cause', placeholder: 'cause'});
  const card = h('div', {class: 'card task', 'data-token': t.taskToken, 'data-state': t.stateName});
  const answer = async (success) => {
    try {
      let token = t.taskToken;
      if (t.queued) {
        const got = await api('GetActivityTask', {activityArn: t.resource, workerName: 'sfn-local-console'});
        if (got.taskToken !== t.taskToken) throw new Error('GetActivityTask handed out another task; answer it from its own card');
        token = got.taskToken;
      }
      if (success) {
        JSON.parse(output.value);
        await api('SendTaskSuccess', {taskToken: token, output: output.value});
      } else {
        const body = {taskToken: token};
        if (error.value) body.error = error.value;
        if (cause.value) body.cause = cause.value;
        await api('SendTaskFailure', body);
      }
      toast(success ? 'Sent task success.' : 'Sent task failure.');
      card.remove();
    } catch (e) { toast(e.message, true); }
  };
  card.append(h('div', {class: 'row'}, h('b', {}, t.stateName), h('span', {class: 'muted'}, t.kind === 'activity' ? 'activity task' : 'callback (.waitForTaskToken)'),
      t.queued ? h('span', {class: 'muted'}, '(not taken by a worker yet)') : '', executionLink(t.executionArn)),
    h('div', {class: 'muted'}, 'Resource: ', t.resource, ' · waiting since ', fmtTime(t.since)),
    h('details', {}, h('summary', {}, 'Task token'), h('pre', {class: 'token'}, t.taskToken)),
    h('h2', {}, 'Input'), h('pre', {class: 'box task-input'}, pretty(t.input)),
    h('label', {}, 'Output (JSON)'), output,
    h('div', {class: 'row'}, h('button', {class: 'primary send-success', disabled: blocked, onclick: () => answer(true)}, 'Send success')),
    h('div', {class: 'row'}, error, cause, h('button', {class: 'danger send-failure', disabled: blocked, onclick: () => answer(false)}, 'Send failure')));
  return card;
}

// ---------- Routing ----------

async function route() {
  routeSerial += 1;
  clearTimeout(pollTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] || 'machines';
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active',
    a.dataset.nav === section || (a.dataset.nav === 'machines' && section === 'machine') ||
    (a.dataset.nav === 'executions' && section === 'execution')));
  try {
    if (section === 'machines') await machinesPage();
    else if (section === 'machine') await machinePage(parts[1]);
    else if (section === 'executions') await executionsPage(params);
    else if (section === 'execution') await executionPage(parts[1]);
    else if (section === 'start') await startPage(parts[1]);
    else if (section === 'tasks') await tasksPage();
    else show(h('h1', {}, 'Not found'), h('p', {}, 'No page at ', hash));
  } catch (e) {
    show(h('h1', {}, 'Cannot show this page'), h('p', {class: 'error', id: 'page-error'}, e.message));
  }
  document.body.dataset.ready = String(routeSerial);
}

window.addEventListener('hashchange', route);
route();

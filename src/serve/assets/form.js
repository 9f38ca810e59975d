// zhizao serve: draws the questionnaire form from the model the page carries
// (generated from the questionnaire's JSON Schema), keeps what is typed in
// this browser (localStorage), checks it with the server as you type, and
// shows the report. Every user value is set as text or a property, never as
// markup; requests go to this server only.
'use strict';

(function () {
  const model = JSON.parse(document.getElementById('model').textContent);
  const LANG = model.lang;
  const TEXT = {
    zh: {
      title: '智能制造自评表',
      skip: '跳到问卷',
      intro: '按问卷逐项填写；每次修改后自动校验，问题显示在对应字段旁。填写内容只发送到本机的 zhizao 服务，并保存在本浏览器中，刷新页面不会丢失。',
      start: '开始方式',
      blank: '空白问卷',
      template: '从模板开始',
      upload: '上传问卷（YAML / Excel）',
      check: '校验',
      assess: '评估',
      valid: '问卷有效，可以评估。',
      invalid: '问卷有 {e} 个错误、{w} 个警告：',
      warnings: '问卷有效，有 {w} 个警告：',
      answer: '评估报告',
      whatif: '假设分析',
      whatifHint: '修改上面任意字段后，点“对比”查看与评估时版本相比的变化。',
      compare: '对比',
      add: '添加一行',
      remove: '删除此行',
      row: '第 {n} 项',
      yes: '是',
      no: '否',
      none: '—',
      required: '必填',
      clear: '清空表单中已填写的内容？',
      working: '正在处理…',
      failed: '请求失败：',
      hint: '提示',
      other: '不属于某个字段的问题',
      show: '定位',
      downloads: {
        html: 'HTML 报告', docx: 'Word 报告（DOCX）', json: 'JSON',
        yaml: '问卷（YAML）', xlsx: '问卷（Excel 申报表）'
      },
      problems: '个问题'
    },
    en: {
      title: 'Smart-manufacturing self-assessment',
      skip: 'Skip to the questionnaire',
      intro: 'Fill in the questionnaire; every change is checked and problems are shown next to their field. What you type is sent only to the zhizao server on this machine and kept in this browser, so a reload keeps it.',
      start: 'Start',
      blank: 'Blank questionnaire',
      template: 'From the template',
      upload: 'Upload a questionnaire (YAML / Excel)',
      check: 'Check',
      assess: 'Assess',
      valid: 'The questionnaire is valid and can be assessed.',
      invalid: 'The questionnaire has {e} errors and {w} warnings:',
      warnings: 'The questionnaire is valid, with {w} warnings:',
      answer: 'Assessment report',
      whatif: 'What-if',
      whatifHint: 'Change any field above, then Compare to see what changes against the assessed version.',
      compare: 'Compare',
      add: 'Add a row',
      remove: 'Remove this row',
      row: 'Item {n}',
      yes: 'yes',
      no: 'no',
      none: '—',
      required: 'required',
      clear: 'Clear everything typed in the form?',
      working: 'Working…',
      failed: 'The request failed: ',
      hint: 'hint',
      other: 'Problems not tied to one field',
      show: 'show',
      downloads: {
        html: 'HTML report', docx: 'Word report (DOCX)', json: 'JSON',
        yaml: 'Questionnaire (YAML)', xlsx: 'Questionnaire (Excel)'
      },
      problems: 'problems'
    }
  }[LANG];
  const STORE = 'zhizao.serve.questionnaire';
  const BASELINE = 'zhizao.serve.baseline';
  const form = document.getElementById('form');
  const summary = document.getElementById('summary');
  let nextId = 0;
  let checkTimer = null;
  let checkSeq = 0;
  let schemaVersion = model.schema_version;

  // ---------- small helpers ----------

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children || []) {
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  }

  // "a.b[2].c" → ['a', 'b', 2, 'c']
  function segments(path) {
    const out = [];
    path.replace(/([^.[\]]+)|\[(\d+)\]/g, (_, name, index) => {
      out.push(index !== undefined ? Number(index) : name);
      return '';
    });
    return out;
  }

  function getPath(obj, path) {
    let v = obj;
    for (const s of segments(path)) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[s];
    }
    return v;
  }

  function setPath(obj, path, value) {
    const segs = segments(path);
    let o = obj;
    segs.forEach((s, i) => {
      if (i === segs.length - 1) {
        o[s] = value;
        return;
      }
      if (o[s] === null || typeof o[s] !== 'object') o[s] = typeof segs[i + 1] === 'number' ? [] : {};
      o = o[s];
    });
  }

  // ---------- drawing the form ----------

  function fieldBox(f, path) {
    const id = 'f' + (nextId++);
    const noteId = id + '-note';
    const diagId = id + '-diag';
    const box = el('div', { class: 'field', 'data-path': path });
    const label = el(['enum_list', 'records', 'tuples'].includes(f.kind) ? 'span' : 'label',
      { for: ['enum_list', 'records', 'tuples'].includes(f.kind) ? null : id, class: 'label', id: id + '-label' },
      [f.label]);
    if (f.unit) label.append(el('span', { class: 'unit' }, ['(' + f.unit + ')']));
    if (f.required) {
      label.append(el('span', { class: 'req', 'aria-hidden': 'true' }, ['*']));
      label.append(el('span', { class: 'skip' }, [' (' + TEXT.required + ')']));
    }
    const control = el('div', { class: 'control' }, [drawControl(f, path, id, id + '-label', noteId + ' ' + diagId)]);
    box.append(label, control);
    if (f.note && f.note !== f.label) box.append(el('p', { class: 'note', id: noteId }, [f.note]));
    box.append(el('p', { class: 'diag', id: diagId }));
    return box;
  }

  function drawControl(f, path, id, labelId, described) {
    const common = { id: id, 'data-path': path, 'data-kind': f.kind, 'aria-describedby': described };
    switch (f.kind) {
      case 'bool':
        return select(common, [['', TEXT.none], ['true', TEXT.yes], ['false', TEXT.no]], f.required);
      case 'enum':
        return select(common, [['', TEXT.none]].concat(f.choices.map(c => [c.id, c.label])), f.required);
      case 'group':
        return el('input', Object.assign({ type: 'checkbox' }, common));
      case 'enum_list': {
        const box = el('fieldset', { class: 'choices', 'aria-labelledby': labelId, 'data-path': path, 'data-kind': f.kind, 'aria-describedby': described });
        for (const c of f.choices) {
          box.append(el('label', {}, [el('input', { type: 'checkbox', value: c.id }), c.label]));
        }
        return box;
      }
      case 'records':
      case 'tuples':
        return rowsControl(f, path, labelId);
      default: {
        const mode = f.kind === 'integer' ? 'numeric' : (f.kind === 'text' ? null : 'decimal');
        return el('input', Object.assign({ type: 'text', inputmode: mode, autocomplete: 'off', 'aria-required': f.required ? 'true' : null }, common));
      }
    }
  }

  function select(attrs, options, required) {
    const s = el('select', Object.assign({ 'aria-required': required ? 'true' : null }, attrs));
    for (const [value, text] of options) s.append(el('option', { value: value }, [text]));
    return s;
  }

  // A list: its rows and an "add" button; rows are redrawn from the list's
  // value, so removing one renumbers the rest.
  function rowsControl(f, path, labelId) {
    const box = el('div', { class: 'rows', role: 'group', 'aria-labelledby': labelId, 'data-path': path, 'data-kind': f.kind });
    box.field = f;
    const list = el('div', { class: 'list' });
    const add = el('button', { type: 'button' }, [TEXT.add]);
    add.addEventListener('click', () => {
      const value = readRows(box);
      value.push(f.kind === 'tuples' ? [] : {});
      drawRows(box, value);
      changed();
      const inputs = list.querySelectorAll('input, select');
      if (inputs.length) inputs[inputs.length - (f.kind === 'tuples' ? f.arity : f.items.length)].focus();
    });
    box.append(list, add);
    return box;
  }

  function drawRows(box, value) {
    const f = box.field;
    const path = box.getAttribute('data-path');
    const list = box.querySelector('.list');
    list.replaceChildren();
    (value || []).forEach((item, i) => {
      const rowPath = path + '[' + i + ']';
      const row = el('fieldset', { class: 'row', 'data-path': rowPath }, [el('legend', {}, [fill(TEXT.row, { n: i + 1 })])]);
      if (f.kind === 'tuples') {
        const line = el('div', { class: 'tuple' });
        for (let k = 0; k < f.arity; k++) {
          const s = select({ 'aria-label': fill(TEXT.row, { n: i + 1 }) + ' · ' + (k + 1) },
            [['', TEXT.none]].concat(f.choices.map(c => [c.id, c.label])), true);
          s.value = Array.isArray(item) && item[k] !== undefined ? String(item[k]) : '';
          line.append(s);
        }
        row.append(line);
      } else {
        for (const sub of f.items) row.append(fieldBox(sub, rowPath + '.' + sub.path));
      }
      const remove = el('button', { type: 'button', 'aria-label': TEXT.remove + ' ' + (i + 1) }, [TEXT.remove]);
      remove.addEventListener('click', () => {
        const v = readRows(box);
        v.splice(i, 1);
        drawRows(box, v);
        changed();
      });
      row.append(remove);
      list.append(row);
      if (f.kind === 'records') setValues(row, item, rowPath);
    });
  }

  function drawForm() {
    for (const s of model.sections) {
      const details = el('details', { class: 'section', 'data-section': s.id });
      if (s.id === 'enterprise') details.open = true;
      const sum = el('summary', {}, [s.label]);
      sum.append(el('span', { class: 'count' }));
      const box = el('div', { class: 'fields' });
      for (const f of s.fields) box.append(fieldBox(f, f.path));
      details.append(sum, box);
      form.append(details);
    }
  }

  // ---------- reading and writing values ----------

  const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

  // What a control holds as questionnaire JSON; undefined when blank. Text
  // that is not a number is sent as typed, so the server names the problem.
  function readControl(c) {
    const kind = c.getAttribute('data-kind');
    if (kind === 'group') return c.checked ? {} : undefined;
    if (kind === 'enum_list') {
      const ids = Array.from(c.querySelectorAll('input:checked')).map(i => i.value);
      return ids.length ? ids : undefined;
    }
    if (kind === 'records' || kind === 'tuples') {
      const rows = readRows(c);
      return rows.length ? rows : undefined;
    }
    const raw = c.value.trim();
    if (raw === '') return undefined;
    if (kind === 'bool') return raw === 'true';
    if (kind === 'integer') return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
    if (kind === 'number') return NUMBER.test(raw) ? Number(raw) : raw;
    // decimal: money and areas stay exact, as a numeric string
    return raw;
  }

  function readRows(box) {
    const f = box.field;
    const path = box.getAttribute('data-path');
    const rows = Array.from(box.querySelector('.list').children);
    return rows.map((row, i) => {
      const rowPath = path + '[' + i + ']';
      if (f.kind === 'tuples') {
        return Array.from(row.querySelectorAll('select')).map(s => s.value).filter(v => v !== '');
      }
      const item = {};
      for (const c of ownControls(row)) {
        const v = readControl(c);
        if (v !== undefined) setPath(item, c.getAttribute('data-path').slice(rowPath.length + 1), v);
      }
      return item;
    });
  }

  // Controls of `root` that are not inside a nested list (those are read by the list).
  function ownControls(root) {
    return Array.from(root.querySelectorAll('[data-kind]')).filter(c => {
      const list = c.parentElement && c.parentElement.closest('.rows');
      return !list || !root.contains(list) || list === root;
    }).filter(c => c !== root);
  }

  function collect() {
    const q = { schema_version: schemaVersion };
    for (const c of ownControls(form)) {
      const v = readControl(c);
      if (v === undefined) continue;
      const path = c.getAttribute('data-path');
      if (c.getAttribute('data-kind') === 'group' && getPath(q, path) !== undefined) continue;
      setPath(q, path, v);
    }
    return q;
  }

  function setValues(root, data, prefix) {
    for (const c of ownControls(root)) {
      const path = c.getAttribute('data-path');
      const rel = prefix ? path.slice(prefix.length + 1) : path;
      const v = data ? getPath(data, rel) : undefined;
      const kind = c.getAttribute('data-kind');
      if (kind === 'group') c.checked = v !== undefined && v !== null;
      else if (kind === 'enum_list') {
        const ids = Array.isArray(v) ? v.map(String) : [];
        for (const box of c.querySelectorAll('input')) box.checked = ids.includes(box.value);
      } else if (kind === 'records' || kind === 'tuples') drawRows(c, Array.isArray(v) ? v : []);
      else if (kind === 'bool') c.value = v === true ? 'true' : (v === false ? 'false' : '');
      else c.value = v === undefined || v === null ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }

  function load(q) {
    schemaVersion = (q && q.schema_version) || model.schema_version;
    setValues(form, q || {}, '');
    changed();
  }

  // ---------- talking to the server ----------

  async function post(url, body, accept) {
    const headers = { 'Content-Type': 'application/json' };
    if (accept) headers.Accept = accept;
    return fetch(url + (url.includes('?') ? '&' : '?') + 'lang=' + LANG, {
      method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin'
    });
  }

  function busy(on) {
    document.getElementById('busy').textContent = on ? TEXT.working : '';
  }

  function failed(e) {
    summary.className = 'summary bad';
    summary.replaceChildren(el('p', {}, [TEXT.failed + String(e && e.message ? e.message : e)]));
  }

  async function check() {
    const seq = ++checkSeq;
    try {
      const r = await post('/api/validate', collect());
      const v = await r.json();
      if (seq !== checkSeq) return null;
      if (!r.ok) { showProblem(v); return null; }
      showDiagnostics(v);
      return v;
    } catch (e) {
      if (seq === checkSeq) failed(e);
      return null;
    }
  }

  function showProblem(v) {
    if (v && v.diagnostics) { showDiagnostics(v); return; }
    failed(v && v.error ? v.error.message[LANG] : '?');
  }

  // Each diagnostic next to its field (or the nearest enclosing one), and
  // all of them in the summary at the top.
  function showDiagnostics(v) {
    for (const d of form.querySelectorAll('.diag')) d.replaceChildren();
    for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    for (const c of form.querySelectorAll('summary .count')) c.textContent = '';
    const diags = v.diagnostics || [];
    const errors = diags.filter(d => d.severity === 'error').length;
    const warnings = diags.length - errors;
    summary.className = errors ? 'summary bad' : 'summary';
    const head = errors ? fill(TEXT.invalid, { e: errors, w: warnings })
      : (warnings ? fill(TEXT.warnings, { w: warnings }) : TEXT.valid);
    const list = el('ul');
    const perSection = {};
    for (const d of diags) {
      const box = d.path ? fieldFor(d.path) : null;
      const line = el('span', { class: d.severity }, [d.code + ': ' + (d.path ? d.path + ': ' : '') + d.message]);
      const item = el('li', {}, [line]);
      if (d.hint) item.append(el('span', {}, [TEXT.hint + ': ' + d.hint]));
      if (box) {
        const p = box.querySelector(':scope > .diag');
        p.append(el('span', { class: d.severity }, [d.code + ': ' + d.message]));
        if (d.hint) p.append(el('span', {}, [TEXT.hint + ': ' + d.hint]));
        if (d.severity === 'error') {
          const c = box.querySelector(':scope > .control > [data-kind]');
          if (c) c.setAttribute('aria-invalid', 'true');
        }
        const sec = box.closest('details.section');
        if (sec) {
          perSection[sec.dataset.section] = (perSection[sec.dataset.section] || 0) + 1;
          if (d.severity === 'error') sec.open = true;
        }
        const go = el('button', { type: 'button' }, [TEXT.show]);
        go.addEventListener('click', () => focusField(box));
        item.append(go);
      }
      list.append(item);
    }
    for (const [id, n] of Object.entries(perSection)) {
      const c = form.querySelector('details[data-section="' + CSS.escape(id) + '"] summary .count');
      if (c) c.textContent = '(' + n + ' ' + TEXT.problems + ')';
    }
    summary.replaceChildren(el('p', {}, [head]));
    if (diags.length) summary.append(list);
  }

  // The field box of a diagnostic's path: exact, else the closest enclosing one.
  function fieldFor(path) {
    let p = path;
    while (p) {
      for (const box of form.querySelectorAll('.field')) {
        if (box.getAttribute('data-path') === p) return box;
      }
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut > 0 ? p.slice(0, cut) : '';
    }
    return null;
  }

  function focusField(box) {
    const sec = box.closest('details');
    if (sec) sec.open = true;
    const c = box.querySelector('input, select, button');
    if (c) c.focus();
    box.scrollIntoView({ block: 'center' });
  }

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(collect())); } catch (e) { /* private mode: nothing kept */ }
  }

  function changed() {
    save();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 600);
  }

  async function assess() {
    busy(true);
    const q = collect();
    try {
      const r = await post('/api/assess', q, 'text/html');
      if (r.status === 422 || r.status === 413) {
        showDiagnostics(await r.json());
        summary.focus();
        return;
      }
      if (!r.ok) { showProblem(await r.json()); return; }
      const html = await r.text();
      const answer = document.getElementById('answer');
      answer.hidden = false;
      document.getElementById('report').srcdoc = html;
      document.getElementById('comparison').hidden = true;
      try { localStorage.setItem(BASELINE, JSON.stringify(q)); } catch (e) { /* not kept */ }
      document.getElementById('compare').disabled = false;
      answer.focus();
      check();
    } catch (e) {
      failed(e);
    } finally {
      busy(false);
    }
  }

  async function download(format) {
    busy(true);
    try {
      const r = await post('/api/report?format=' + format, collect());
      if (!r.ok) { showProblem(await r.json()); return; }
      const blob = await r.blob();
      const name = { html: 'zhizao-report.html', docx: 'zhizao-report.docx', json: 'zhizao-report.json', yaml: 'questionnaire.yaml', xlsx: 'questionnaire.xlsx' }[format];
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      failed(e);
    } finally {
      busy(false);
    }
  }

  async function compare() {
    let before = null;
    try { before = JSON.parse(localStorage.getItem(BASELINE)); } catch (e) { before = null; }
    if (!before) return;
    busy(true);
    try {
      const r = await post('/api/compare', { before: before, after: collect() });
      if (!r.ok) { showProblem(await r.json()); return; }
      const frame = document.getElementById('comparison');
      frame.srcdoc = await r.text();
      frame.hidden = false;
      frame.focus();
    } catch (e) {
      failed(e);
    } finally {
      busy(false);
    }
  }

  async function upload(file) {
    busy(true);
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      const r = await fetch('/api/load?lang=' + LANG, { method: 'POST', body: data, credentials: 'same-origin' });
      const v = await r.json();
      if (!r.ok) { showProblem(v); return; }
      if (v.questionnaire) load(v.questionnaire);
      showDiagnostics(v);
    } catch (e) {
      failed(e);
    } finally {
      busy(false);
    }
  }

  // ---------- the page ----------

  function texts() {
    const set = (id, t) => { document.getElementById(id).textContent = t; };
    set('title', TEXT.title);
    set('skip', TEXT.skip);
    set('intro', TEXT.intro);
    set('start-title', TEXT.start);
    set('blank', TEXT.blank);
    set('template', TEXT.template);
    set('upload-text', TEXT.upload);
    set('check', TEXT.check);
    set('assess', TEXT.assess);
    set('answer-title', TEXT.answer);
    set('whatif-title', TEXT.whatif);
    set('whatif-hint', TEXT.whatifHint);
    set('compare', TEXT.compare);
    document.getElementById('report').title = TEXT.answer;
    document.getElementById('comparison').title = TEXT.whatif;
    const downloads = document.getElementById('downloads');
    for (const [format, label] of Object.entries(TEXT.downloads)) {
      const b = el('button', { type: 'button', 'data-format': format }, [label]);
      b.addEventListener('click', () => download(format));
      downloads.append(b);
    }
  }

  function wire() {
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', e => { e.preventDefault(); assess(); });
    document.getElementById('check').addEventListener('click', check);
    document.getElementById('assess').addEventListener('click', assess);
    document.getElementById('compare').addEventListener('click', compare);
    document.getElementById('blank').addEventListener('click', () => {
      if (window.confirm(TEXT.clear)) load({});
    });
    document.getElementById('template').addEventListener('click', async () => {
      try {
        const r = await fetch('/api/template?lang=' + LANG);
        load((await r.json()).questionnaire);
      } catch (e) { failed(e); }
    });
    document.getElementById('upload').addEventListener('change', e => {
      const file = e.target.files && e.target.files[0];
      if (file) upload(file);
      e.target.value = '';
    });
  }

  texts();
  drawForm();
  wire();
  let kept = null;
  try { kept = JSON.parse(localStorage.getItem(STORE)); } catch (e) { kept = null; }
  document.getElementById('compare').disabled = !localStorage.getItem(BASELINE);
  if (kept) load(kept);
})();

/* Behaviour of the questionnaire form (lib/form_html.c inlines it; docs/form.md): progress, answers kept
   in the browser until saved, checks, Save as a YAML portfolio document with one assessment, and Load of
   such a file (YAML or JSON). Nothing is fetched or sent: the page's Content-Security-Policy forbids it. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('pf-data').textContent);
  var S = data.strings;
  var form = document.getElementById('pf-form');
  var slots = data.slots;
  var byId = Object.create(null);
  slots.forEach(function (s, i) { s.index = i; byId[s.id] = s; });
  var storageKey = 'libportfolio.form.' + data.instrument;
  var ID = /^[A-Za-z0-9._-]+$/;
  var AGREE_WORDS = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'];
  var CHOICES = ['yes', 'no', 'unsure'];
  var MAX_DEPTH = 32;
  /* A text field cannot hold a line break: a loaded unit that has one is shown with spaces and saved as
     it was, unless the respondent changes it. */
  var unitLoaded = null;
  function oneLine(text) { return text.replace(/\r\n|[\r\n]/g, ' '); }

  function $(id) { return document.getElementById(id); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  /* Each name's controls, in the page's order, found once: a search of the page per slot at every change
     would make answering take time in the square of the number of items. */
  var byName = Object.create(null);
  Array.prototype.forEach.call(form.elements, function (el) {
    if (el.name) (byName[el.name] = byName[el.name] || []).push(el);
  });
  function controls(name) { return byName[name] || []; }

  /* ---- answers in the page ---- */

  function readSlot(s) {
    var els = controls(s.id), i, v = [];
    if (s.form === 'rank') {
      for (i = 0; i < els.length; i++) v.push(els[i].value);
      return v.some(Boolean) ? v : null;
    }
    for (i = 0; i < els.length; i++) {
      if (!els[i].checked) continue;
      if (s.form === 'multi') v.push(els[i].value);
      else return s.form === 'agree' ? Number(els[i].value) : els[i].value;
    }
    return s.form === 'multi' && v.length ? v : null;
  }

  function writeSlot(s, value) {
    var els = controls(s.id), i;
    var list = Array.isArray(value) ? value : [];
    if (s.form === 'rank') {
      for (i = 0; i < els.length; i++) els[i].value = typeof list[i] === 'string' ? list[i] : '';
      return;
    }
    for (i = 0; i < els.length; i++) {
      els[i].checked = s.form === 'multi' ? list.indexOf(els[i].value) >= 0
        : value !== null && value !== undefined && els[i].value === String(value);
    }
  }

  function rankComplete(v) {
    return v.every(Boolean) && new Set(v).size === v.length;
  }

  function answered(s, v) {
    return v !== null && (s.form !== 'rank' || rankComplete(v));
  }

  /* The respondent's fields and every answer given, in the instrument's order. */
  function collect() {
    var state = {
      respondent: $('pf-respondent').value.trim(),
      role: $('pf-role').value,
      unit: unitLoaded !== null && $('pf-unit').value === oneLine(unitLoaded) ? unitLoaded : $('pf-unit').value,
      date: $('pf-date').value.trim(),
      answers: []
    };
    slots.forEach(function (s) {
      var v = readSlot(s);
      if (v !== null) state.answers.push([s.id, v]);
    });
    return state;
  }

  /* Fills the form from a state as collect() gives it; what does not fit is left empty. */
  function apply(state) {
    var text = function (v) { return typeof v === 'string' ? v : ''; };
    form.reset();
    $('pf-respondent').value = text(state.respondent);
    $('pf-role').value = data.roles.indexOf(state.role) >= 0 ? state.role : '';
    unitLoaded = text(state.unit) || null;
    $('pf-unit').value = oneLine(text(state.unit));
    $('pf-date').value = text(state.date);
    (Array.isArray(state.answers) ? state.answers : []).forEach(function (a) {
      if (Array.isArray(a) && byId[a[0]]) writeSlot(byId[a[0]], a[1]);
    });
    clearErrors();
    update();
  }

  function isEmpty(state) {
    return !state.respondent && !state.role && !state.unit && !state.date && !state.answers.length;
  }

  /* ---- progress and the browser's storage ---- */

  function update() {
    var n = 0;
    slots.forEach(function (s) {
      var v = readSlot(s);
      if (answered(s, v)) n++;
      /* A ranking begun prints as chosen; an empty one as boxes to number on paper. */
      if (s.form === 'rank') $('pf-q' + s.q).classList.toggle('ranked', v !== null);
    });
    $('pf-progress-text').textContent = fill(S.progress, { n: n, m: slots.length });
    $('pf-progress').value = n;
  }

  function store() {
    try {
      var state = collect();
      if (isEmpty(state)) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) { /* storage refused (private mode, quota): answers stay in the page */ }
  }

  function forget() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
  }

  function restore() {
    var raw = null;
    try { raw = localStorage.getItem(storageKey); } catch (e) { return; }
    if (!raw) return;
    var state;
    try { state = JSON.parse(raw); } catch (e) { forget(); return; }
    if (!state || typeof state !== 'object' || !Array.isArray(state.answers)) { forget(); return; }
    apply(state);
    $('pf-restored').hidden = false;
  }

  /* ---- messages ---- */

  function say(text) {
    $('pf-status').textContent = text;
  }

  function where(s) {
    var text = S.question + ' ' + s.q;
    if (s.n > 1) text += ', ' + S.statement + ' ' + s.k;
    return text;
  }

  /* The visible text the respondent knows a slot by: its statement, or its question. */
  function slotText(s) {
    var box = $('pf-s' + s.index);
    var legend = box && box.tagName === 'FIELDSET' ? box.querySelector('legend') : null;
    if (!legend) legend = $('pf-q' + s.q).querySelector('legend span[dir]');
    return legend ? legend.textContent : '';
  }

  function slotTarget(s) {
    return controls(s.id)[0];
  }

  function setError(id, container, message) {
    var p = $(id);
    p.textContent = message;
    if (container) container.classList.toggle('has-error', !!message);
  }

  function fieldError(name, message) {
    var input = $('pf-' + name);
    setError('pf-' + name + '-error', input.parentNode, message);
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function rankError(s, message, twice) {
    setError('pf-s' + s.index + '-error', $('pf-q' + s.q), message);
    var els = controls(s.id), seen = Object.create(null), i;
    for (i = 0; i < els.length; i++) if (els[i].value) seen[els[i].value] = (seen[els[i].value] || 0) + 1;
    for (i = 0; i < els.length; i++) {
      var bad = message && (twice ? seen[els[i].value] > 1 : !els[i].value);
      if (bad) els[i].setAttribute('aria-invalid', 'true');
      else els[i].removeAttribute('aria-invalid');
    }
  }

  function clearErrors() {
    fieldError('respondent', '');
    fieldError('date', '');
    slots.forEach(function (s) { if (s.form === 'rank') rankError(s, ''); });
    $('pf-summary').hidden = true;
    $('pf-unanswered').hidden = true;
  }

  function links(list, items) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.target) {
        var a = document.createElement('a');
        a.href = '#' + (item.target.id || '');
        a.textContent = item.text;
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          item.target.focus();
          item.target.scrollIntoView({ block: 'center' });
        });
        li.appendChild(a);
      } else {
        li.textContent = item.text;
      }
      list.appendChild(li);
    });
  }

  /* Shows a box and moves there, its top clear of the sticky bar (scroll-padding). */
  function reveal(box) {
    box.hidden = false;
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'start' });
  }

  function summary(items) {
    links($('pf-summary-list'), items);
    reveal($('pf-summary'));
  }

  /* ---- checks before saving ---- */

  function dateValid(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
  }

  function checkRank(s) {
    var v = readSlot(s);
    if (v && new Set(v.filter(Boolean)).size !== v.filter(Boolean).length) {
      rankError(s, S['error.rank.twice'], true);
      return S['error.rank.twice'];
    }
    rankError(s, '');
    return '';
  }

  function validate() {
    var problems = [];
    var r = $('pf-respondent').value.trim();
    var msg = !r ? S['error.respondent'] : ID.test(r) ? '' : S['error.respondent.pattern'];
    fieldError('respondent', msg);
    if (msg) problems.push({ text: msg, target: $('pf-respondent') });
    var d = $('pf-date').value.trim();
    msg = d && !dateValid(d) ? S['error.date'] : '';
    fieldError('date', msg);
    if (msg) problems.push({ text: msg, target: $('pf-date') });
    slots.forEach(function (s) {
      if (s.form !== 'rank') return;
      var m = checkRank(s), v = readSlot(s);
      if (!m && v && !v.every(Boolean)) {
        m = S['error.rank.incomplete'];
        rankError(s, m, false);
      }
      if (m) problems.push({ text: where(s) + ': ' + m, target: slotTarget(s) });
    });
    return problems;
  }

  /* ---- saving ---- */

  /* A YAML double-quoted string that reads back as exactly the same text. */
  function quoted(text) {
    var out = '"';
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (ch === '"' || ch === '\\') out += '\\' + ch;
      else if (c === 9) out += '\\t';
      else if (c === 10) out += '\\n';
      else if (c === 13) out += '\\r';
      else if (c === 0) continue; /* documents cannot hold NUL */
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
      else if (c === 0x2028) out += '\\L';
      else if (c === 0x2029) out += '\\P';
      else if (c === 0xfeff || c === 0xfffe || c === 0xffff) out += '\\u' + c.toString(16).toUpperCase();
      else if (c >= 0xd800 && c <= 0xdfff) out += '\uFFFD'; /* half of a pair cannot be written as UTF-8 */
      else out += ch;
    }
    return out + '"';
  }

  /* Identifiers plain, unless another YAML reader could take them for a number, boolean or null. */
  function word(text) {
    return /^[A-Za-z][A-Za-z0-9._-]*$/.test(text) && !/^(null|true|false|yes|no|on|off|y|n)$/i.test(text)
      ? text : quoted(text);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function toYaml(state) {
    /* A comment holds no control character, line break, or U+FFFE/U+FFFF (YAML does not allow them as they are). */
    var title = data.title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]+/g, ' ');
    var lines = [
      '# Answers to "' + title + '", saved by the libportfolio form on ' + today() + '.',
      'portfolio: 1',
      'instrument: ' + word(data.instrument),
      'assessments:',
      '  - respondent: ' + word(state.respondent)
    ];
    if (state.role) lines.push('    role: ' + state.role);
    if (state.unit && state.unit.trim()) lines.push('    unit: ' + quoted(state.unit));
    if (state.date) lines.push('    date: ' + state.date);
    if (state.answers.length) lines.push('    answers:');
    state.answers.forEach(function (a) {
      var v = a[1];
      lines.push('      ' + word(a[0]) + ': ' + (Array.isArray(v) ? '[' + v.map(word).join(', ') + ']' : String(v)));
    });
    return lines.join('\n') + '\n';
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function save(confirmed) {
    say('');
    clearErrors();
    var problems = validate();
    if (problems.length) {
      summary(problems);
      return;
    }
    var state = collect();
    var missing = slots.filter(function (s) { return !answered(s, readSlot(s)); });
    /* Incomplete rankings were refused above: whatever is unanswered here is simply left out. */
    state.answers = state.answers.filter(function (a) { return answered(byId[a[0]], a[1]); });
    if (missing.length && !confirmed) {
      links($('pf-unanswered-list'), missing.map(function (s) {
        return { text: where(s) + ': ' + slotText(s), target: slotTarget(s) };
      }));
      reveal($('pf-unanswered'));
      return;
    }
    var name = data.instrument + '-' + state.respondent + '.yaml';
    download(name, toYaml(state));
    forget();
    $('pf-restored').hidden = true;
    say(fill(S.saved, { file: name }));
  }

  /* ---- loading: a small YAML reader for what this form, the library and people write ---- */

  function YamlError(message, line) {
    this.message = message;
    this.line = line;
  }

  function parseYaml(input) {
    var src = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    var pos = 0, n = src.length, depth = 0, flowDepth = 0;

    function lineOf(p) { return src.slice(0, p).split('\n').length; }
    function fail(message) { throw new YamlError(message, lineOf(Math.min(pos, n))); }
    function col(p) { return p - src.lastIndexOf('\n', p - 1) - 1; }
    function blank(c) { return c === ' ' || c === '\t'; }
    function end(c) { return c === undefined || c === ' ' || c === '\t' || c === '\n'; }
    function deeper() { if (++depth > MAX_DEPTH) fail('nested too deeply'); }

    /* Skips spaces, line breaks and comments; in block context, refuses tabs that indent. */
    function skip() {
      for (;;) {
        while (pos < n && blank(src[pos])) pos++;
        if (src[pos] === '#' && (pos === 0 || /\s/.test(src[pos - 1]))) {
          while (pos < n && src[pos] !== '\n') pos++;
        }
        if (src[pos] === '\n') { pos++; continue; }
        if (!flowDepth && pos < n && src.slice(pos - col(pos), pos).indexOf('\t') >= 0 &&
            src.slice(pos - col(pos), pos).trim() === '') fail('a tab indents this line');
        return;
      }
    }
    function skipSpaces() { while (pos < n && blank(src[pos])) pos++; }
    function marker(p) {
      return col(p) === 0 && (src.startsWith('---', p) || src.startsWith('...', p)) && end(src[p + 3]);
    }
    /* Only spaces or a comment may follow a value on its line. */
    function lineDone() {
      skipSpaces();
      if (src[pos] === '#') while (pos < n && src[pos] !== '\n') pos++;
      if (pos < n && src[pos] !== '\n') fail('unexpected text after a value');
    }
    function nullish(text) { return text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL'; }

    /* Folds a line break inside a quoted scalar: one break is a space, each blank line a newline. The
       blanks written before the break were kept aside (not in the text), so they are simply dropped:
       escaped ones are text, and trimming the whole text at every break would take quadratic time. */
    function fold() {
      var breaks = 0;
      while (src[pos] === '\n') {
        breaks++;
        pos++;
        while (blank(src[pos])) pos++;
      }
      if (pos >= n) fail('a quoted text is not closed');
      return breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
    }

    function doubleQuoted() {
      var out = '', blanks = '';
      pos++;
      for (;;) {
        if (pos >= n) fail('a quoted text is not closed');
        var c = src[pos];
        if (c === '"') { pos++; return out + blanks; }
        if (c === '\n') { blanks = ''; out += fold(); continue; }
        if (blank(c)) { blanks += c; pos++; continue; }
        out += blanks;
        blanks = '';
        if (c !== '\\') { out += c; pos++; continue; }
        var e = src[pos + 1];
        pos += 2;
        var simple = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r',
          e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
        if (e in simple) { out += simple[e]; continue; }
        if (e === '\n') { while (blank(src[pos])) pos++; continue; }
        var digits = { x: 2, u: 4, U: 8 }[e];
        var hex = digits ? src.substr(pos, digits) : '';
        if (!digits || hex.length !== digits || !/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
          pos -= 2;
          fail('unknown escape in a quoted text');
        }
        out += String.fromCodePoint(parseInt(hex, 16));
        pos += digits;
      }
    }

    function singleQuoted() {
      var out = '', blanks = '';
      pos++;
      for (;;) {
        if (pos >= n) fail('a quoted text is not closed');
        var c = src[pos];
        if (c === '\n') { blanks = ''; out += fold(); continue; }
        if (blank(c)) { blanks += c; pos++; continue; }
        out += blanks;
        blanks = '';
        if (c === "'") {
          if (src[pos + 1] === "'") { out += "'"; pos += 2; continue; }
          pos++;
          return out;
        }
        out += c;
        pos++;
      }
    }

    /* A plain scalar in block context, with its continuation lines (indented more than `indent`). */
    function plainBlock(indent) {
      var out = '';
      for (;;) {
        var start = pos;
        while (pos < n && src[pos] !== '\n' && !(src[pos] === '#' && blank(src[pos - 1])) &&
               !(src[pos] === ':' && end(src[pos + 1]))) pos++;
        if (src[pos] === ':') fail('a value cannot hold ": " here (quote it)');
        out += src.slice(start, pos).replace(/[ \t]+$/, '');
        if (src[pos] === '#') { lineDone(); return out; }
        /* Is the next non-blank line a continuation? */
        var p = pos, breaks = 0;
        while (src[p] === '\n') {
          breaks++;
          p++;
          while (src[p] === ' ') p++;
          if (src[p] === '\t') while (blank(src[p])) p++;
        }
        if (p >= n || col(p) <= indent || src[p] === '#' || marker(p - col(p)) || breaks === 0) return out;
        out += breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
        pos = p;
      }
    }

    /* | and > block scalars, with their chomping and indentation indicators. */
    function blockScalar(indent) {
      var folded = src[pos] === '>';
      pos++;
      var chomp = 'clip', ci = 0;
      while (pos < n && /[-+1-9]/.test(src[pos])) {
        if (src[pos] === '-') chomp = 'strip';
        else if (src[pos] === '+') chomp = 'keep';
        else ci = Math.max(indent, 0) + Number(src[pos]);
        pos++;
      }
      lineDone();
      var lines = [];
      while (pos + 1 < n) {
        var start = pos + 1, p = start;
        while (src[p] === ' ') p++;
        var empty = p >= n || src[p] === '\n';
        if (!empty && !ci) ci = p - start;
        if (!empty && (p - start < ci || ci <= indent)) break;
        var e = src.indexOf('\n', start);
        if (e < 0) e = n;
        lines.push(empty ? '' : src.slice(start + ci, e));
        pos = e;
      }
      var trailing = 0;
      while (lines.length && lines[lines.length - 1] === '') { lines.pop(); trailing++; }
      var text = '', k = 0, prev = null;
      lines.forEach(function (l) {
        if (l === '') { k++; return; }
        if (prev === null) text += '\n'.repeat(k);
        else if (!folded || blank(l[0]) || blank(prev[0])) text += '\n'.repeat(k + 1);
        else text += k ? '\n'.repeat(k) : ' ';
        text += l;
        prev = l;
        k = 0;
      });
      if (lines.length && chomp !== 'strip') text += '\n';
      if (chomp === 'keep') text += '\n'.repeat(trailing);
      return text;
    }

    function flowScalar() {
      var start = pos;
      while (pos < n && !/[,\[\]{}\n]/.test(src[pos]) && !(src[pos] === ':' && /[\s,\[\]{}]/.test(src[pos + 1] || ' ')) &&
             !(src[pos] === '#' && blank(src[pos - 1]))) pos++;
      var text = src.slice(start, pos).replace(/[ \t]+$/, '');
      return nullish(text) ? null : text;
    }

    function flowNode() {
      skip();
      var c = src[pos];
      if (c === '[' || c === '{') return flow();
      if (c === '"') return doubleQuoted();
      if (c === "'") return singleQuoted();
      if (c === '&' || c === '*' || c === '!') fail('anchors, aliases and tags are not supported');
      return flowScalar();
    }

    function flow() {
      deeper();
      flowDepth++;
      var open = src[pos], close = open === '[' ? ']' : '}';
      var out = open === '[' ? [] : Object.create(null);
      pos++;
      for (;;) {
        skip();
        if (pos >= n) fail('a ' + open + ' is not closed');
        if (src[pos] === close) { pos++; depth--; flowDepth--; return out; }
        var startLine = pos;
        var v = flowNode();
        skip();
        if (open === '{') {
          if (typeof v !== 'string' && v !== null) fail('a key must be a text');
          var key = v === null ? '' : v, value = null;
          if (src[pos] === ':') {
            pos++;
            skip();
            if (src[pos] !== ',' && src[pos] !== '}') value = flowNode();
            skip();
          }
          if (key in out) { pos = startLine; fail('the key ' + key + ' is given twice'); }
          out[key] = value;
        } else {
          if (src[pos] === ':') fail('a mapping inside [ ] is not supported');
          out.push(v);
        }
        if (src[pos] === ',') { pos++; continue; }
        if (src[pos] !== close) fail('expected , or ' + close);
      }
    }

    /* Is the text at pos (on its line) a mapping key followed by ':'? */
    function keyAhead() {
      var p = pos, c = src[p];
      if (c === '"' || c === "'") {
        p++;
        while (p < n && src[p] !== c && src[p] !== '\n') p += src[p] === '\\' && c === '"' ? 2 : 1;
        if (src[p] !== c) return false;
        p++;
        while (blank(src[p])) p++;
        return src[p] === ':' && end(src[p + 1]);
      }
      if (c === '[' || c === '{' || c === '#') return false;
      for (; p < n && src[p] !== '\n'; p++) {
        if (src[p] === '#' && blank(src[p - 1])) return false;
        if (src[p] === ':' && end(src[p + 1])) return true;
      }
      return false;
    }

    function key() {
      var k;
      if (src[pos] === '"') k = doubleQuoted();
      else if (src[pos] === "'") k = singleQuoted();
      else {
        var start = pos;
        while (!(src[pos] === ':' && end(src[pos + 1]))) pos++;
        k = src.slice(start, pos).replace(/[ \t]+$/, '');
        if (k === '?' || k.startsWith('? ')) fail('complex keys are not supported');
      }
      skipSpaces();
      pos++; /* the ':' keyAhead() found */
      return k;
    }

    function inlineValue(indent) {
      var c = src[pos], v;
      if (c === '&' || c === '*' || c === '!') fail('anchors, aliases and tags are not supported');
      if (c === '|' || c === '>') return blockScalar(indent);
      if (c === '[' || c === '{') v = flow();
      else if (c === '"') v = doubleQuoted();
      else if (c === "'") v = singleQuoted();
      else { v = plainBlock(indent); return nullish(v) ? null : v; }
      lineDone();
      return v;
    }

    /* The value after "key:" (inMap) or "- ", whose parent is at column `indent`. */
    function valueAfter(indent, inMap) {
      skipSpaces();
      if (src[pos] === '#') while (pos < n && src[pos] !== '\n') pos++;
      if (pos >= n || src[pos] === '\n') {
        skip();
        if (pos >= n || marker(pos - col(pos))) return null;
        var c = col(pos);
        if (c > indent) return node(c, indent);
        if (inMap && c === indent && src[pos] === '-' && end(src[pos + 1])) return sequence(c);
        return null;
      }
      if (!inMap) return node(col(pos), indent);
      if (src[pos] === '-' && end(src[pos + 1])) fail('a list cannot begin on the line of its key');
      if (keyAhead()) fail('a mapping cannot begin on the line of its key');
      return inlineValue(indent);
    }

    function node(c, parentIndent) {
      deeper();
      var v;
      if (src[pos] === '-' && end(src[pos + 1])) v = sequence(c);
      else if (keyAhead()) v = mapping(c);
      else v = inlineValue(parentIndent);
      depth--;
      return v;
    }

    /* After an entry: the column of the next one, or -1 at the end of the document. */
    function next() {
      skip();
      return pos >= n || marker(pos - col(pos)) ? -1 : col(pos);
    }

    function mapping(indent) {
      var out = Object.create(null);
      for (;;) {
        var at = pos, k = key();
        if (k in out) { pos = at; fail('the key ' + k + ' is given twice'); }
        out[k] = valueAfter(indent, true);
        var c = next();
        if (c < indent) return out;
        if (c > indent) fail('this line is indented more than the key above it');
        if (!keyAhead()) fail(src[pos] === '-' ? 'a list entry where a key was expected' : 'expected a key');
      }
    }

    function sequence(indent) {
      var out = [];
      for (;;) {
        pos++; /* '-' */
        out.push(valueAfter(indent, false));
        var c = next();
        if (c < indent) return out;
        if (c > indent) fail('this line is indented more than the list entry above it');
        /* A list at the indentation of its key ends at the next key. */
        if (!(src[pos] === '-' && end(src[pos + 1]))) return out;
      }
    }

    skip();
    if (src[pos] === '%') fail('directives are not supported');
    if (marker(pos) && src.startsWith('---', pos)) { pos += 3; skipSpaces(); }
    skip();
    var root = null;
    if (pos < n && !marker(pos - col(pos))) {
      var c0 = col(pos);
      root = node(c0, -1);
    }
    if (next() >= 0) fail('unexpected text');
    if (pos < n) {
      pos += 3;
      skip();
      if (pos < n && !(marker(pos) && src.startsWith('...', pos))) fail('a file holds one document only');
    }
    return root;
  }

  /* JSON files of the same structure: numbers and booleans become the texts YAML would give. */
  function fromJson(v) {
    if (v === null || typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return v.map(fromJson);
    var out = Object.create(null);
    Object.keys(v).forEach(function (k) { out[k] = fromJson(v[k]); });
    return out;
  }

  function parse(text) {
    if (/^\s*\{/.test(text)) {
      try { return fromJson(JSON.parse(text)); } catch (e) { /* the YAML reader locates the problem */ }
    }
    return parseYaml(text);
  }

  function isMap(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  /* A value of the file as YAML would write it. */
  function shown(v) {
    if (Array.isArray(v)) return '[' + v.map(shown).join(', ') + ']';
    return typeof v === 'string' ? v : v === null ? '~' : isMap(v) ? '{…}' : String(v);
  }

  /* The answer a document gives a slot, in the form's terms, or undefined when it cannot be one. */
  function answerOf(s, v) {
    if (s.form === 'agree') {
      if (typeof v !== 'string') return undefined;
      if (/^\+?[0-4]$/.test(v)) return Number(v.replace('+', ''));
      var i = AGREE_WORDS.indexOf(v);
      return i >= 0 ? i : undefined;
    }
    if (s.form === 'yes-no') return CHOICES.indexOf(v) >= 0 ? v : undefined;
    if (!Array.isArray(v) || v.some(function (o) { return typeof o !== 'string'; })) return undefined;
    if (new Set(v).size !== v.length || v.length > s.options.length) return undefined;
    if (s.form === 'multi') {
      if (!v.length || (v.length === 1 && v[0] === 'none')) return ['none'];
      return v.every(function (o) { return s.options.indexOf(o) >= 0; }) ? v : undefined;
    }
    return v.length && v.every(function (o) { return s.options.indexOf(o) >= 0; }) ? v : undefined;
  }

  /* Reads a saved file into a state; throws {message} when nothing can be loaded. problems gets the rest. */
  function interpret(doc, file, problems) {
    var structure = { message: fill(S['error.structure'], { file: file }) };
    if (!isMap(doc) || doc.portfolio !== '1') throw structure;
    /* A document without `instrument:` answers the default one (docs/format.md). */
    var inst = doc.instrument === null || doc.instrument === undefined ? data.default_instrument : doc.instrument;
    if (typeof inst !== 'string' || (inst !== data.instrument && !/\/|\.ya?ml$/.test(inst))) {
      throw { message: fill(S['error.instrument'], { id: shown(inst) }) };
    }
    var list = doc.assessments;
    if (!Array.isArray(list) || !list.length || !isMap(list[0])) throw structure;
    var a = list[0];
    if (list.length > 1) problems.push({ text: fill(S['error.several'], { n: list.length, respondent: shown(a.respondent) }) });
    var state = { respondent: '', role: '', unit: '', date: '', answers: [] };
    if (typeof a.respondent === 'string') state.respondent = a.respondent;
    if (typeof a.unit === 'string') state.unit = a.unit;
    if (typeof a.date === 'string') state.date = a.date;
    if (a.role !== null && a.role !== undefined) {
      if (data.roles.indexOf(a.role) >= 0) state.role = a.role;
      else problems.push({ text: fill(S['error.value'], { where: S.role, value: shown(a.role) }), target: $('pf-role') });
    }
    var answers = a.answers;
    if (answers !== null && answers !== undefined && !isMap(answers)) throw structure;
    Object.keys(answers || {}).forEach(function (id) {
      var v = answers[id];
      if (v === null) return;
      var s = byId[id];
      if (!s) {
        problems.push({ text: fill(S['error.unknown'], { id: id }) });
        return;
      }
      var got = answerOf(s, v);
      if (got === undefined) {
        problems.push({ text: fill(S['error.value'], { where: where(s), value: shown(v) }), target: slotTarget(s) });
        return;
      }
      state.answers.push([id, got]);
    });
    return state;
  }

  function load(text, file) {
    say('');
    clearErrors();
    var problems = [], state;
    try {
      state = interpret(parse(text), file, problems);
    } catch (e) {
      summary([{ text: e instanceof YamlError ? fill(S['error.syntax'], { file: file, line: e.line }) : e.message }]);
      return;
    }
    apply(state);
    store();
    $('pf-restored').hidden = true;
    say(fill(S.loaded, { file: file }));
    if (problems.length) summary(problems);
  }

  /* ---- events ---- */

  form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  form.addEventListener('change', function (ev) {
    var el = ev.target, s = byId[el.name];
    if (s && s.form === 'multi' && el.checked) {
      controls(s.id).forEach(function (other) {
        if (other !== el && (el.value === 'none' || other.value === 'none')) other.checked = false;
      });
    }
    if (s && s.form === 'rank') checkRank(s);
    update();
    store();
  });
  form.addEventListener('input', function (ev) {
    var name = ev.target.name;
    if (name === 'respondent' && $('pf-respondent-error').textContent && ID.test(ev.target.value.trim())) fieldError('respondent', '');
    if (name === 'date' && $('pf-date-error').textContent && dateValid(ev.target.value.trim())) fieldError('date', '');
    store();
  });
  $('pf-save').addEventListener('click', function () { save(false); });
  $('pf-save-top').addEventListener('click', function () { save(false); });
  $('pf-save-anyway').addEventListener('click', function () { save(true); });
  $('pf-restart').addEventListener('click', function () {
    form.reset();
    unitLoaded = null;
    forget();
    clearErrors();
    update();
    $('pf-restored').hidden = true;
    $('pf-respondent').focus();
  });
  $('pf-load').addEventListener('change', function () {
    var input = this, file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { input.value = ''; load(String(reader.result), file.name); };
    reader.onerror = function () { input.value = ''; summary([{ text: fill(S['error.read'], { file: file.name }) }]); };
    reader.readAsText(file);
  });

  ['pf-tools', 'pf-bar', 'pf-finish'].forEach(function (id) { $(id).hidden = false; });
  restore();
  update();

  /* For tools and tests that drive the page: the reader and writer it uses. */
  window.pfForm = { parse: parse, toYaml: toYaml, collect: collect, apply: apply };
})();

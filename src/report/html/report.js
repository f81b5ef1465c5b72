// parallax report: draws the sections from the JSON embedded in the page.
// Every piece of outside text goes through textContent, never parsed as markup;
// links are made only for http/https addresses.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('parallax-data').textContent);
  var S = D.s;
  var PAGE = 20;
  // Rows arrive as arrays in the field order payload.rs documents; they
  // become objects once, here, so the rest reads by name.
  var docs = D.docs.map(function (r) {
    return { i: r[0], t: r[1], d: r[2], o: S[r[3]], l: S[r[4]], w: r[5], u: r[6], c: r[7], x: null, xf: null };
  });
  D.x.forEach(function (r) { docs[r[0]].x = r[1]; });
  D.xf.forEach(function (r) { docs[r[0]].xf = r[1]; });
  var pairs = D.pairs.map(function (r, i) {
    return { i: i, a: r[0], b: r[1], j: r[2], ca: r[3], cb: r[4], n: r[5], sw: r[6], lw: r[7], src: r[8], why: S[r[9]], v: S[r[10]], c: r[11], via: r[12], rel: r[13], ps: [] };
  });
  var passages = D.passages.map(function (r, i) {
    var ps = { i: i, n: r[0], q: r[1], a: r[2], b: r[3], s: r[4], aw: r[5], bw: r[6], sc: r[7], k: S[r[8]], cr: r[9], ri: r[10], bp: r[11] === 1 };
    if (ps.q != null) pairs[ps.q].ps.push(i);
    return ps;
  });
  var groups = D.groups.map(function (r) { return { c: r[0], orig: r[1], m: r[2], same: r[3] }; });
  var TK = D.tk.map(function (k) { return S[k]; }), FK = D.fk.map(function (k) { return S[k]; });
  // Per document: stance cells [score, mentions] by target, frame rates.
  var stanceOf = {}, framesOf = {};
  D.st.forEach(function (r) { (stanceOf[r[0]] = stanceOf[r[0]] || {})[r[1]] = [r[2], r[3]]; });
  D.fr.forEach(function (r) { framesOf[r[0]] = r[1]; });
  function stanceAt(i, j) { var s = stanceOf[i]; return s ? s[j] || null : null; }
  function frameAt(i, j) { var f = framesOf[i]; return f ? f[j] : null; }

  // Text of document i from code point `from` to `to`, from its whole text
  // or from an embedded excerpt that covers the range; null when the page
  // does not carry it. Code-point arrays are made once per document.
  var cpCache = {};
  function cps(i) {
    if (!cpCache[i]) cpCache[i] = Array.from(docs[i].x);
    return cpCache[i];
  }
  function textAt(i, from, to) {
    var d = docs[i];
    if (d.x != null) return cps(i).slice(from, to).join('');
    if (!d.xf) return null;
    for (var k = 0; k < d.xf.length; k++) {
      var f = d.xf[k], cs = Array.from(f[1]);
      if (from >= f[0] && to <= f[0] + cs.length) return cs.slice(from - f[0], to - f[0]).join('');
    }
    return null;
  }

  // ---------- small helpers ----------
  function el(tag, props, kids) {
    var e = document.createElement(tag);
    if (props) {
      for (var k in props) {
        if (!Object.prototype.hasOwnProperty.call(props, k)) continue;
        var v = props[k];
        if (v == null) continue;
        if (k === 'text') e.textContent = String(v);
        else if (k === 'cls') e.className = v;
        else if (k === 'onclick') e.addEventListener('click', v);
        else if (k === 'href') { var u = safeUrl(v); if (u) e.setAttribute('href', u); }
        else e.setAttribute(k, String(v));
      }
    }
    (kids || []).forEach(function (c) {
      if (c == null) return;
      e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
    return e;
  }
  function safeUrl(u) {
    u = String(u || '');
    if (u.charAt(0) === '#') return u;
    return /^https?:\/\//i.test(u) ? u : null;
  }
  // "1 outlet", "2 outlets".
  function count(n, one, many) { return n + ' ' + (n === 1 ? one : (many || one + 's')); }
  // Fixed decimals; a value that rounds to zero is "0.00", never "-0.00".
  function fmt(v, dp) {
    if (v == null) return '';
    var t = Number(v).toFixed(dp);
    return /^-0(\.0*)?$/.test(t) ? t.slice(1) : t;
  }
  function dirOf(l) { return /^(ar|fa|he|ur|ps|ku|yi)([-_]|$)/i.test(l || '') ? 'rtl' : 'auto'; }
  function day(i) { return (docs[i].d || '').slice(0, 10); }
  // "outlet · title" (or the id when there is no title), with the id as tooltip.
  function docLabel(i, withId) {
    var d = docs[i];
    var kids = [];
    if (d.o) kids.push(el('span', { cls: 'small', text: d.o + ' · ' }));
    kids.push(el('bdi', { dir: dirOf(d.l), text: d.t || d.i }));
    if (withId && d.t) kids.push(el('span', { cls: 'small', text: ' (' + d.i + ')' }));
    return el('span', { title: d.i + (d.d ? ' · ' + d.d : '') }, kids);
  }
  function section(id) {
    var s = document.getElementById(id);
    return s ? s.querySelector('.body') : null;
  }
  function reveal(id) {
    var s = document.getElementById(id);
    if (s) s.hidden = false;
    var li = document.querySelector('#toc li[data-for="' + id + '"]');
    if (li) li.hidden = false;
  }
  document.querySelectorAll('#toc li[data-for]').forEach(function (li) { li.hidden = true; });
  if (D.cut) {
    var hl = document.getElementById('headline');
    hl.parentNode.insertBefore(el('p', { cls: 'note', text: 'Some texts were left out of this page to keep it small: side-by-side views and evidence show what fits, strongest first; every row is in the CSV files.' }), hl.nextSibling);
  }

  // ---------- filters ----------
  var hay = docs.map(function (d) { return (d.i + '\n' + d.t + '\n' + d.o).toLowerCase(); });
  var F = { q: '', verdict: '', kind: '', outlet: '', cross: false, from: '', to: '' };
  function kindOf(ps) { return ps.k || (ps.bp ? 'boilerplate' : 'shared'); }
  function docQ(i) { return !F.q || hay[i].indexOf(F.q) >= 0; }
  function docDate(i) {
    if (!F.from && !F.to) return true;
    var d = day(i);
    if (!d) return false;
    return (!F.from || d >= F.from) && (!F.to || d <= F.to);
  }
  function docPass(i) { return docQ(i) && docDate(i) && (!F.outlet || docs[i].o === F.outlet); }
  function twoPass(a, b, verdict) {
    if (F.q && !docQ(a) && !docQ(b)) return false;
    if (!docDate(a) && !docDate(b)) return false;
    if (F.outlet && docs[a].o !== F.outlet && docs[b].o !== F.outlet) return false;
    if (F.cross && !(docs[a].o && docs[b].o && docs[a].o !== docs[b].o)) return false;
    if (F.verdict && verdict !== F.verdict) return false;
    return true;
  }
  function pairPass(p) { return twoPass(p.a, p.b, p.v); }
  function passagePass(ps) {
    if (F.kind && kindOf(ps) !== F.kind) return false;
    var p = ps.q == null ? null : pairs[ps.q];
    return twoPass(ps.a, ps.b, p ? p.v : '');
  }
  function fillSelect(id, values) {
    var s = document.getElementById(id);
    var seen = {};
    values.forEach(function (v) { if (v) seen[v] = true; });
    var keys = Object.keys(seen).sort();
    keys.forEach(function (v) { s.appendChild(el('option', { value: v, text: v })); });
    if (!keys.length) s.parentNode.hidden = true;
  }
  fillSelect('f-verdict', pairs.map(function (p) { return p.v; }));
  fillSelect('f-kind', passages.map(kindOf));
  fillSelect('f-outlet', docs.map(function (d) { return d.o; }));
  var views = [];
  function refresh() { views.forEach(function (v) { v.page = 0; v.draw(); }); }
  var timer = null;
  function readFilters() {
    F.q = document.getElementById('q').value.trim().toLowerCase();
    F.verdict = document.getElementById('f-verdict').value;
    F.kind = document.getElementById('f-kind').value;
    F.outlet = document.getElementById('f-outlet').value;
    F.cross = document.getElementById('f-cross').checked;
    F.from = document.getElementById('f-from').value;
    F.to = document.getElementById('f-to').value;
    refresh();
  }
  document.getElementById('filters').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(readFilters, 120);
  });
  document.getElementById('filters').addEventListener('change', readFilters);
  document.getElementById('f-collapse').addEventListener('click', function () {
    var all = document.querySelectorAll('main details');
    var open = Array.prototype.some.call(all, function (d) { return d.open; });
    all.forEach(function (d) { d.open = !open; });
    this.textContent = open ? 'expand all' : 'collapse all';
  });

  // ---------- paged lists ----------
  // A view: rows() gives the filtered rows; draw() shows one page of them.
  function paged(container, opts) {
    var v = { page: 0, sort: opts.sort || null, desc: !!opts.desc };
    var info = el('span');
    var prev = el('button', { type: 'button', text: '‹ previous' });
    var next = el('button', { type: 'button', text: 'next ›' });
    var pager = el('div', { cls: 'pager' }, [prev, info, next]);
    var host = el('div');
    container.appendChild(pager);
    container.appendChild(host);
    prev.addEventListener('click', function () { if (v.page > 0) { v.page--; v.draw(); } });
    next.addEventListener('click', function () { v.page++; v.draw(); });
    var size = opts.size || PAGE;
    v.draw = function () {
      var rows = opts.rows();
      if (v.sort) {
        var key = v.sort, sign = v.desc ? -1 : 1;
        rows = rows.slice().sort(function (x, y) {
          var a = key(x), b = key(y);
          if (a == null && b == null) return 0;
          if (a == null) return 1;
          if (b == null) return -1;
          return (a < b ? -1 : a > b ? 1 : 0) * sign;
        });
      }
      var pages = Math.max(1, Math.ceil(rows.length / size));
      if (v.page >= pages) v.page = pages - 1;
      var from = v.page * size;
      var shown = rows.slice(from, from + size);
      info.textContent = rows.length
        ? 'rows ' + (from + 1) + '–' + (from + shown.length) + ' of ' + rows.length + (opts.total && opts.total !== rows.length ? ' (' + opts.total + ' before filters)' : '')
        : 'no rows match the filters';
      prev.disabled = v.page === 0;
      next.disabled = v.page + 1 >= pages;
      while (host.firstChild) host.removeChild(host.firstChild);
      host.appendChild(opts.render(shown, v));
    };
    views.push(v);
    v.draw();
    return v;
  }
  // A paged table: cols are {h, cell(row) -> node|text, key(row) -> sort value, n: numeric}.
  function table(container, cols, rows, opts) {
    opts = opts || {};
    return paged(container, {
      rows: rows,
      total: opts.total,
      size: opts.size,
      sort: opts.sort,
      desc: opts.desc,
      render: function (shown, v) {
        var head = el('tr', null, cols.map(function (c) {
          var th = el('th', { cls: c.key ? 'sort' : null, text: c.h, title: c.title });
          if (c.key) th.addEventListener('click', function () {
            if (v.sort === c.key) v.desc = !v.desc; else { v.sort = c.key; v.desc = !!c.n; }
            v.page = 0; v.draw();
          });
          return th;
        }));
        var body = el('tbody', null, shown.map(function (r) {
          var tr = el('tr', { cls: opts.click ? 'row' : null }, cols.map(function (c) {
            var x = c.cell(r);
            return el('td', { cls: c.n ? 'n' : (c.t ? 't' : null) }, [x]);
          }));
          if (opts.click) tr.addEventListener('click', function (e) {
            if (e.target.tagName === 'A') return;
            opts.click(r);
          });
          return tr;
        }));
        return el('table', null, [el('thead', null, [head]), body]);
      }
    });
  }

  // ---------- pairs: ranking and the side-by-side view ----------
  var pairAt = {};
  pairs.forEach(function (p, i) { p.i = i; pairAt[p.a + ',' + p.b] = i; pairAt[p.b + ',' + p.a] = i; });
  function srcDoc(p) { return p.src === 0 ? p.a : p.src === 1 ? p.b : null; }
  function pairCell(p) {
    return el('span', null, [docLabel(p.a), el('span', { cls: 'small', text: '  ↔  ' }), docLabel(p.b)]);
  }
  function viewLink(qi, text) {
    return el('a', { href: '#view', text: text, onclick: function (e) { e.preventDefault(); showPair(qi, null, true); } });
  }

  var viewBody = section('view');
  var current = null;
  // Passages of a pair numbered 1.. in their order in the first document.
  function numbered(p) {
    var list = p.ps.map(function (k) { return passages[k]; });
    list.sort(function (x, y) { return x.s[0] - y.s[0] || x.s[2] - y.s[2]; });
    return list;
  }
  // One pane of the side-by-side view: the document's whole text, or,
  // when the page does not carry it, the excerpts it does carry (the
  // passages with a little context), each passage marked and numbered.
  function pane(i, spans, side) {
    var d = docs[i];
    var box = el('div', { cls: 'pane', dir: dirOf(d.l), lang: d.l || null });
    box.setAttribute('data-side', side);
    var parts = d.x != null ? [[0, d.x]] : (d.xf || []);
    if (!parts.length) { box.appendChild(el('p', { cls: 'note', text: 'This text was left out of the page to keep it small; the passages\' text is in passages.csv.' })); return box; }
    if (d.x == null) box.appendChild(el('p', { cls: 'note', text: 'Excerpts: the whole text was left out of the page to keep it small.' }));
    spans = spans.slice().sort(function (x, y) { return x.s - y.s || x.e - y.e; });
    parts.forEach(function (part, pi) {
      var base = part[0], cps = Array.from(part[1]), n = cps.length, pos = 0;
      if (pi > 0 || base > 0) box.appendChild(el('span', { cls: 'small', text: '[…] ' }));
      spans.forEach(function (sp) {
        var s = Math.max(sp.s - base, pos), e = Math.min(sp.e - base, n);
        if (s >= e) return;
        if (s > pos) box.appendChild(document.createTextNode(cps.slice(pos, s).join('')));
        var m = el('mark', { cls: 'p ' + (sp.bp ? 'b' : 'c' + ((sp.k - 1) % 8)), 'data-k': sp.k, title: 'passage ' + sp.k + ' (' + sp.w + ' words' + (sp.bp ? ', boilerplate' : '') + ')' },
          [s === sp.s - base ? el('sup', { text: String(sp.k) }) : null, cps.slice(s, e).join('')]);
        m.addEventListener('click', function () { focusPassage(sp.k); });
        box.appendChild(m);
        pos = e;
      });
      if (pos < n) box.appendChild(document.createTextNode(cps.slice(pos).join('')));
      if (d.x == null) box.appendChild(el('span', { cls: 'small', text: ' […]' }));
      box.appendChild(document.createTextNode('\n'));
    });
    return box;
  }
  function focusPassage(k) {
    if (!viewBody) return;
    viewBody.querySelectorAll('mark.on').forEach(function (m) { m.classList.remove('on'); });
    viewBody.querySelectorAll('.pane').forEach(function (p) {
      var m = p.querySelector('mark[data-k="' + k + '"]');
      if (!m) return;
      m.classList.add('on');
      p.scrollTop = Math.max(0, m.offsetTop - p.clientHeight / 3);
    });
  }
  function showPair(qi, passageIndex, scroll) {
    var p = pairs[qi];
    if (!p || !viewBody) return;
    current = qi;
    reveal('view');
    while (viewBody.firstChild) viewBody.removeChild(viewBody.firstChild);
    var src = srcDoc(p);
    viewBody.appendChild(el('h3', null, [pairCell(p)]));
    viewBody.appendChild(el('p', { cls: 'small' }, [
      'Jaccard ' + fmt(p.j, 3) + ' · containment ' + fmt(p.ca, 3) + ' / ' + fmt(p.cb, 3) +
      ' · ' + (p.v || 'no verdict') + ' · ' + p.n + ' passages, ' + p.sw + ' shared words' +
      (src != null ? ' · likely original: ' + docs[src].i + (p.why ? ' (' + p.why + ')' : '') : '')
    ]));
    if (p.j === 1) {
      var d = docs[p.a];
      viewBody.appendChild(el('div', { cls: 'ident' }, [
        el('strong', { text: 'Identical after normalisation. ' }),
        docs[p.a].i + ' and ' + docs[p.b].i + ' have the same text once spacing, diacritics and letter variants are normalised.',
        el('details', null, [el('summary', { text: 'show the text' }),
          el('div', { cls: 'pane', dir: dirOf(d.l), text: d.x == null ? '' : d.x })])
      ]));
    } else {
      var list = numbered(p);
      var aSpans = [], bSpans = [], focus = null;
      var bar = el('div', { cls: 'plist' });
      list.forEach(function (ps, j) {
        var k = j + 1;
        aSpans.push({ s: ps.s[0], e: ps.s[1], k: k, w: ps.aw, bp: ps.bp });
        bSpans.push({ s: ps.s[2], e: ps.s[3], k: k, w: ps.bw, bp: ps.bp });
        if (passageIndex != null && passages[passageIndex] === ps) focus = k;
        bar.appendChild(el('button', { type: 'button', cls: ps.bp ? 'b' : 'c' + (j % 8), text: k + ' · ' + ps.aw + ' words' + (ps.bp ? ' (boilerplate)' : ''),
          onclick: function () { focusPassage(k); } }));
      });
      if (list.length) viewBody.appendChild(bar);
      else viewBody.appendChild(el('p', { cls: 'note', text: 'No shared passage was aligned for this pair.' }));
      viewBody.appendChild(el('div', { cls: 'pairview' }, [
        el('div', null, [el('h4', null, [docLabel(p.a, true)]), pane(p.a, aSpans, 'a')]),
        el('div', null, [el('h4', null, [docLabel(p.b, true)]), pane(p.b, bSpans, 'b')])
      ]));
      if (list.length) focusPassage(focus || 1);
    }
    var sec = document.getElementById('view');
    sec.querySelector('details').open = true;
    if (scroll) sec.scrollIntoView();
  }

  // ---------- findings ----------
  function drawGroups() {
    var body = section('groups');
    if (!groups.length) return;
    reveal('groups');
    body.appendChild(el('p', { cls: 'note', text: groups.length + ' groups of documents that are copies of each other (one cluster each). The likely original is the one most often found to come first; copies are listed earliest first.' }));
    paged(body, {
      size: 8,
      total: groups.length,
      rows: function () {
        return groups.filter(function (g) { return g.m.some(docPass); });
      },
      render: function (shown) {
        return el('div', null, shown.map(function (g) {
          var outlets = {};
          g.m.forEach(function (i) { if (docs[i].o) outlets[docs[i].o] = true; });
          var first = day(g.m[0]), last = day(g.m[g.m.length - 1]);
          var head = 'Group ' + g.c + ' · ' + count(g.m.length, 'document') + ' in ' + count(Math.max(1, Object.keys(outlets).length), 'outlet') +
            (first ? ' · ' + first + (last && last !== first ? ' to ' + last : '') : '') +
            (g.same ? ' · ' + count(g.same, 'identical pair') : '');
          var items = g.m.slice(0, 12).map(function (i) {
            var qi = i === g.orig ? null : pairAt[g.orig + ',' + i];
            return el('li', null, [
              el('span', { cls: 'small', text: (docs[i].d || 'undated') + ' · ' }),
              docLabel(i, true),
              i === g.orig ? el('strong', { text: '  — likely original' }) : null,
              qi != null ? el('span', null, ['  ', viewLink(qi, 'compare')]) : null
            ]);
          });
          if (g.m.length > 12) items.push(el('li', { cls: 'note', text: '… ' + (g.m.length - 12) + ' more (clusters.csv)' }));
          return el('div', { cls: 'card group' }, [el('h3', { text: head }), el('ol', null, items)]);
        }));
      }
    });
  }

  var pairCols = [
    { h: 'pair', cell: function (p) { return pairCell(p); }, t: true },
    { h: 'verdict', cell: function (p) { return p.v; }, key: function (p) { return p.v; } },
    { h: 'jaccard', n: true, cell: function (p) { return fmt(p.j, 3); }, key: function (p) { return p.j; } },
    { h: 'contain. a→b', n: true, cell: function (p) { return fmt(p.ca, 3); }, key: function (p) { return p.ca; } },
    { h: 'contain. b→a', n: true, cell: function (p) { return fmt(p.cb, 3); }, key: function (p) { return p.cb; } },
    { h: 'passages', n: true, cell: function (p) { return p.n; }, key: function (p) { return p.n; } },
    { h: 'shared words', n: true, cell: function (p) { return p.sw; }, key: function (p) { return p.sw; } },
    { h: 'likely original', cell: function (p) { var s = srcDoc(p); return s == null ? '' : docs[s].i; } },
    { h: 'dates', cell: function (p) { return day(p.a) + (day(p.b) ? ' / ' + day(p.b) : ''); }, key: function (p) { return day(p.a); } },
    { h: '', cell: function (p) { return viewLink(p.i, 'view'); } }
  ];
  function drawRewrites() {
    var body = section('rewrites');
    var rw = pairs.filter(function (p) { return p.n > 0 && p.v !== 'near_duplicate' && p.j !== 1; });
    if (!rw.length) return;
    reveal('rewrites');
    rw.sort(function (x, y) { return y.sw - x.sw || x.i - y.i; });
    body.appendChild(el('p', { cls: 'note', text: 'Pairs that share passages but are not copies, the most shared words first: one document took text from the other and rewrote the rest.' }));
    table(body, pairCols, function () { return rw.filter(pairPass); }, { size: 10, total: rw.length, click: function (p) { showPair(p.i, null, true); } });
  }
  function outletTable(body, title, rowsOf, note) {
    var names = {};
    docs.forEach(function (d) { if (d.o) names[d.o] = true; });
    var list = Object.keys(names).sort();
    var counts = {};
    pairs.forEach(function (p) {
      if (!pairPass(p)) return;
      rowsOf(p).forEach(function (rc) {
        if (!rc[0] || !rc[1]) return;
        var k = rc[0] + '\u0000' + rc[1];
        counts[k] = (counts[k] || 0) + 1;
      });
    });
    var max = 0;
    for (var k in counts) max = Math.max(max, counts[k]);
    body.appendChild(el('h3', { text: title }));
    body.appendChild(el('p', { cls: 'note', text: note }));
    var head = el('tr', null, [el('th')].concat(list.map(function (o) { return el('th', { dir: 'auto', text: o }); })));
    var rows = list.map(function (r) {
      return el('tr', null, [el('th', { dir: 'auto', text: r })].concat(list.map(function (c) {
        var v = counts[r + '\u0000' + c] || 0;
        var td = el('td', { cls: 'n', text: v ? String(v) : '' });
        if (v && max) td.style.background = 'rgba(192,80,77,' + (0.1 + 0.7 * v / max).toFixed(2) + ')';
        return td;
      })));
    });
    body.appendChild(el('table', null, [el('thead', null, [head]), el('tbody', null, rows)]));
  }
  function drawOutlets() {
    var body = section('outlets');
    var any = docs.some(function (d) { return d.o; });
    if (!any || !pairs.length) return;
    reveal('outlets');
    var host = el('div');
    body.appendChild(host);
    function draw() {
      while (host.firstChild) host.removeChild(host.firstChild);
      outletTable(host, 'Who reprinted whom', function (p) {
        var s = srcDoc(p);
        if (s == null) return [];
        var o = s === p.a ? p.b : p.a;
        return [[docs[s].o, docs[o].o]];
      }, 'Rows: outlet of the likely original; columns: outlet of the copy or rewrite. Counts pairs (after the filters above).');
      outletTable(host, 'Pairs between outlets, either direction', function (p) {
        var a = docs[p.a].o, b = docs[p.b].o;
        return a === b ? [[a, b]] : [[a, b], [b, a]];
      }, 'Every pair counted once in each of its two cells (once on the diagonal for an outlet reusing itself).');
    }
    views.push({ draw: draw });
    draw();
  }
  function mean(xs) { return xs.length ? xs.reduce(function (a, b) { return a + b; }, 0) / xs.length : null; }
  function drawByOutlet() {
    var body = section('by-outlet');
    var tk = TK, fk = FK;
    var hasStance = D.st.length > 0;
    var hasFrames = D.fr.length > 0;
    if (!hasStance && !hasFrames) return;
    var by = {};
    docs.forEach(function (d, i) { var o = d.o || '(no outlet)'; (by[o] = by[o] || []).push(i); });
    var outlets = Object.keys(by).sort();
    reveal('by-outlet');
    if (hasStance && tk.length) {
      body.appendChild(el('h3', { text: 'Stance toward each target (mean of documents that mention it; −1 against … +1 favourable)' }));
      var head = el('tr', null, [el('th', { text: 'outlet' }), el('th', { text: 'documents' })].concat(tk.map(function (t) { return el('th', { dir: 'auto', text: t }); })));
      var rows = outlets.map(function (o) {
        return el('tr', null, [el('th', { dir: 'auto', text: o }), el('td', { cls: 'n', text: by[o].length })].concat(tk.map(function (t, j) {
          var xs = [], m = 0;
          by[o].forEach(function (i) { var c = stanceAt(i, j); if (c) { m += c[1]; if (c[0] != null) xs.push(c[0]); } });
          var v = mean(xs);
          return el('td', { cls: 'n ' + (v == null ? '' : v > 0.05 ? 'pos' : v < -0.05 ? 'neg' : ''), title: xs.length + ' documents, ' + m + ' mentions', text: v == null ? '–' : fmt(v, 2) + ' (' + xs.length + ')' });
        })));
      });
      body.appendChild(el('table', null, [el('thead', null, [head]), el('tbody', null, rows)]));
    }
    if (hasFrames && fk.length) {
      body.appendChild(el('h3', { text: 'Frames (mean hits per 1,000 words)' }));
      var fhead = el('tr', null, [el('th', { text: 'outlet' })].concat(fk.map(function (t) { return el('th', { text: t }); })));
      var frows = outlets.map(function (o) {
        var ms = fk.map(function (t, j) {
          return mean(by[o].map(function (i) { return frameAt(i, j); }).filter(function (x) { return x != null; }));
        });
        var top = Math.max.apply(null, ms.map(function (x) { return x || 0; }));
        return el('tr', null, [el('th', { dir: 'auto', text: o })].concat(ms.map(function (v) {
          var bar = el('span', { cls: 'bar' });
          bar.style.width = (top > 0 && v ? 3 * v / top : 0).toFixed(2) + 'em';
          return el('td', { cls: 'n' }, [bar, ' ' + fmt(v, 1)]);
        })));
      });
      body.appendChild(el('table', null, [el('thead', null, [fhead]), el('tbody', null, frows)]));
    }
  }

  function drawStories() {
    var list = D.stories.map(function (r) {
      return { n: r[0], size: r[1], rep: r[2], title: r[3], m: r[4], f: r[5] };
    });
    if (!list.length) return;
    reveal('stories');
    var body = section('stories');
    body.appendChild(el('p', { cls: 'note', text: list.length + ' stories: articles that tell the same story (related.csv), largest first; a cluster number marks copies of one another. Under each story, what an outlet does differently from the story\'s other outlets (story_framing.csv has every measure).' }));
    paged(body, {
      size: 5,
      total: list.length,
      rows: function () { return list.filter(function (st) { return st.m.some(docPass); }); },
      render: function (shown) {
        return el('div', null, shown.map(function (st) {
          var title = st.rep != null ? (docs[st.rep].t || docs[st.rep].i) : st.title;
          var dir = st.rep != null ? dirOf(docs[st.rep].l) : 'auto';
          var head = el('h3', { id: 'story-' + st.n }, [st.n + '. ', el('bdi', { dir: dir, text: title }), ' · ' + st.size + ' articles']);
          var members = st.m.slice().sort(function (x, y) { return day(x) < day(y) ? -1 : day(x) > day(y) ? 1 : x - y; });
          function row(i) {
            var q = st.rep != null && i !== st.rep ? pairAt[st.rep + ',' + i] : null;
            return el('tr', null, [
              el('td', { cls: 't' }, [docLabel(i, true)]),
              el('td', { text: docs[i].d }),
              el('td', { cls: 'n', text: docs[i].c == null ? '' : String(docs[i].c) }),
              el('td', null, [q == null ? (i === st.rep ? el('span', { cls: 'small', text: 'representative' }) : '') : viewLink(q, pairs[q].v || 'compare')])
            ]);
          }
          function members_table(list) {
            return el('table', null, [
              el('thead', null, [el('tr', null, [el('th', { text: 'article' }), el('th', { text: 'date' }), el('th', { text: 'cluster' }), el('th', { text: 'reuse with the representative' })])]),
              el('tbody', null, list.map(row))]);
          }
          // The first articles open, the rest one click away (stories.csv
          // has them all).
          var kids = [head, members_table(members.slice(0, 8))];
          if (members.length > 8) {
            var rest = members.slice(8, 200);
            kids.push(el('details', null, [el('summary', { text: count(members.length - 8, 'more article') + (members.length > 200 ? ' (the first ' + rest.length + ' here, all in stories.csv)' : '') }), members_table(rest)]));
          }
          if (st.f.length) {
            kids.push(el('table', null, [
              el('thead', null, [el('tr', null, ['outlet', 'measure', 'what', 'value', 'other outlets', ''].map(function (h) { return el('th', { text: h }); }))]),
              el('tbody', null, st.f.map(function (f) {
                return el('tr', null, [
                  el('td', null, [el('bdi', { text: S[f[0]] })]),
                  el('td', { text: S[f[1]] }),
                  el('td', null, [el('bdi', { text: S[f[2]] })]),
                  el('td', { cls: 'n', text: fmt(f[3], 2) }),
                  el('td', { cls: 'n', text: fmt(f[4], 2) }),
                  el('td', { text: S[f[5]].replace(/_/g, ' ') })
                ]);
              }))]));
          }
          return el('div', { cls: 'card story' }, kids);
        }));
      }
    });
  }

  // ---------- details ----------
  function drawPairs() {
    if (!D.show.pairs || !pairs.length) return;
    reveal('pairs');
    var body = section('pairs');
    body.appendChild(el('p', { cls: 'note', text: 'Click a row to see the two texts side by side. All pairs are in pairs.csv.' }));
    var ranked = pairs.slice().sort(function (x, y) { return (y.j || 0) - (x.j || 0) || y.sw - x.sw || x.i - y.i; });
    table(body, pairCols, function () { return ranked.filter(pairPass); }, { total: pairs.length, click: function (p) { showPair(p.i, null, true); } });
    // The view opens on the first pair with passages that is not an identical copy.
    var first = ranked.filter(function (p) { return p.n > 0 && p.j !== 1; })[0] || ranked[0];
    if (first) showPair(first.i, null, false);
  }
  function drawPassages() {
    if (!D.show.passages || !passages.length) return;
    reveal('passages');
    var body = section('passages');
    passages.forEach(function (ps, i) { ps.i = i; });
    function preview(ps) {
      var d = docs[ps.a];
      var t = textAt(ps.a, ps.s[0], Math.min(ps.s[1], ps.s[0] + 90));
      if (t == null) return el('span', { cls: 'small', text: 'in passages.csv' });
      return el('bdi', { dir: dirOf(d.l), text: t + (ps.s[1] - ps.s[0] > 90 ? '…' : '') });
    }
    table(body, [
      { h: '#', n: true, cell: function (ps) { return ps.n; }, key: function (ps) { return ps.n; } },
      { h: 'documents', cell: function (ps) { return el('span', null, [docLabel(ps.a), ' ↔ ', docLabel(ps.b)]); }, t: true },
      { h: 'kind', cell: kindOf, key: kindOf },
      { h: 'words', n: true, cell: function (ps) { return ps.aw; }, key: function (ps) { return ps.aw; } },
      { h: 'score', n: true, cell: function (ps) { return fmt(ps.sc, 3); }, key: function (ps) { return ps.sc; } },
      { h: 'text', cell: preview, t: true }
    ], function () { return passages.filter(passagePass); }, {
      total: passages.length, sort: function (ps) { return ps.aw; }, desc: true,
      click: function (ps) { if (ps.q != null) showPair(ps.q, ps.i, true); }
    });
  }
  function drawHeat() {
    if (!D.heat.length) return;
    reveal('heat');
    var body = section('heat');
    D.heat.forEach(function (h) {
      var n = h.docs.length;
      body.appendChild(el('h3', { text: h.title }));
      body.appendChild(el('p', { cls: 'note', text: (n < h.total ? 'The ' + n + ' of ' + h.total + ' documents with the strongest values, ' : 'All ' + n + ' documents, ') + 'grouped by cluster, then outlet. Cells show the value × 100; the full matrix is in ' + h.key + '.csv.' }));
      // A heat document is an index into docs, or the id of a document
      // the matrix names but the documents table does not.
      function hid(hd) { return typeof hd === 'number' ? docs[hd].i : String(hd); }
      function label(hd, cls) {
        var t = typeof hd === 'number' ? (docs[hd].o ? docs[hd].o + ' · ' : '') + (docs[hd].t || docs[hd].i) : String(hd);
        return el('th', { cls: cls, title: hid(hd), dir: 'auto', text: t });
      }
      var head = el('tr', null, [el('th')].concat(h.docs.map(function (hd) { return label(hd, 'c'); })));
      var rows = h.docs.map(function (rd, i) {
        return el('tr', null, [label(rd, 'r')].concat(h.docs.map(function (cd, j) {
          var v = h.v[i * n + j];
          var td = el('td', { title: hid(rd) + ' × ' + hid(cd) + ': ' + fmt(v, 2), text: v == null ? '' : String(Math.round(v * 100)) });
          if (v != null) {
            var x = Math.max(0, Math.min(1, v));
            td.style.background = 'rgb(' + Math.round(255 - 63 * x) + ',' + Math.round(255 - 175 * x) + ',' + Math.round(255 - 178 * x) + ')';
            if (x > 0.6) td.style.color = '#fff';
          }
          return td;
        })));
      });
      body.appendChild(el('table', { cls: 'heat' }, [el('thead', null, [head]), el('tbody', null, rows)]));
    });
  }
  function drawDocuments() {
    if (!D.show.documents || !docs.length) return;
    reveal('documents');
    var idx = docs.map(function (d, i) { return i; });
    table(section('documents'), [
      { h: 'id', cell: function (i) { return el('bdi', { text: docs[i].i }); }, key: function (i) { return docs[i].i; } },
      { h: 'title', cell: function (i) { return el('bdi', { dir: dirOf(docs[i].l), text: docs[i].t }); }, key: function (i) { return docs[i].t; }, t: true },
      { h: 'date', cell: function (i) { return docs[i].d; }, key: function (i) { return docs[i].d; } },
      { h: 'outlet', cell: function (i) { return el('bdi', { text: docs[i].o }); }, key: function (i) { return docs[i].o; } },
      { h: 'language', cell: function (i) { return docs[i].l; } },
      { h: 'words', n: true, cell: function (i) { return docs[i].w; }, key: function (i) { return docs[i].w; } }
    ], function () { return idx.filter(docPass); }, { total: docs.length });
  }
  function drawStance() {
    var tk = TK, fk = FK;
    var idx = [];
    docs.forEach(function (d, i) { if (stanceOf[i] || framesOf[i]) idx.push(i); });
    if (!idx.length) return;
    reveal('stance');
    var cols = [{ h: 'document', cell: function (i) { return docLabel(i, true); }, t: true }];
    tk.forEach(function (t, j) {
      cols.push({ h: t, n: true, title: 'stance (mentions)', key: function (i) { var c = stanceAt(i, j); return c ? c[0] : null; }, cell: function (i) {
        var c = stanceAt(i, j);
        if (!c || c[0] == null) return c && c[1] ? '– (' + c[1] + ')' : '–';
        return el('span', { cls: c[0] > 0.05 ? 'pos' : c[0] < -0.05 ? 'neg' : null, text: fmt(c[0], 2) + ' (' + c[1] + ')' });
      } });
    });
    fk.forEach(function (t, j) {
      cols.push({ h: t, n: true, title: 'hits per 1,000 words', key: function (i) { return frameAt(i, j); }, cell: function (i) { return fmt(frameAt(i, j), 1); } });
    });
    table(section('stance'), cols, function () { return idx.filter(docPass); }, { total: idx.length });
  }
  function drawEvidence() {
    var ev = D.ev.map(function (r) { return { d: r[0], g: S[r[1]], n: r[2], sum: r[3], s: r[4] }; });
    if (!ev.length) return;
    reveal('evidence');
    var body = section('evidence');
    if (D.ev_total > ev.length) body.appendChild(el('p', { cls: 'note', text: 'Evidence for ' + ev.length + ' of ' + D.ev_total + ' document and target groups fits in this page, the heaviest first; every hit is in evidence.csv.' }));
    body.appendChild(el('p', { cls: 'note', text: 'Per document and target (or frame): the sentences whose hits weigh most in the score, each sentence once with its hits marked. Every hit is in evidence.csv.' }));
    paged(body, {
      size: 10,
      total: ev.length,
      rows: function () { return ev.filter(function (g) { return docPass(g.d); }); },
      render: function (shown) {
        return el('div', null, shown.map(function (g) {
          var d = docs[g.d];
          if (!g.s.length) return el('div', { cls: 'card' }, [
            el('h4', null, [docLabel(g.d, true), el('span', { cls: 'small', text: ' · ' + g.g + ' · ' + g.n + ' hits · total ' + fmt(g.sum, 2) })]),
            el('p', { cls: 'note', text: 'The sentences are in evidence.csv (left out of the page to keep it small).' })]);
          var items = g.s.map(function (s) {
            // s: [from, to, cut before, cut after, hits]; hits in code
            // points of the document, made relative to the sentence here.
            var text = textAt(g.d, s[0], s[1]);
            var cps = Array.from(text == null ? '' : text), pos = 0, kids = [];
            if (s[2]) kids.push('… ');
            s[4].forEach(function (h) {
              var a = Math.max(h[0] - s[0], pos), b = Math.min(h[1] - s[0], cps.length);
              if (a >= b) return;
              if (a > pos) kids.push(cps.slice(pos, a).join(''));
              kids.push(el('mark', { cls: 'hit', title: S[h[2]] + ' · contribution ' + fmt(h[3], 3), text: cps.slice(a, b).join('') }));
              pos = b;
            });
            if (pos < cps.length) kids.push(cps.slice(pos).join(''));
            if (s[3]) kids.push(' …');
            var entries = s[4].map(function (h) { return S[h[2]] + ' ' + fmt(h[3], 2); }).join(', ');
            return el('li', null, [el('span', { dir: dirOf(d.l), lang: d.l || null }, kids), el('br'), el('small', { text: entries })]);
          });
          return el('div', { cls: 'card' }, [
            el('h4', null, [docLabel(g.d, true), el('span', { cls: 'small', text: ' · ' + g.g + ' · ' + g.n + ' hits · total ' + fmt(g.sum, 2) })]),
            el('ul', { cls: 'ev' }, items)
          ]);
        }));
      }
    });
  }
  function drawShift() {
    var rows = D.shift.map(function (r) { return { a: r[0], b: r[1], f: S[r[2]], r: r[3] }; });
    if (!rows.length) return;
    reveal('shift');
    var body = section('shift');
    if (D.shift_total > rows.length) body.appendChild(el('p', { cls: 'note', text: 'The ' + rows.length + ' largest of ' + D.shift_total + ' rows; all are in framing_shift.csv.' }));
    body.appendChild(el('p', { cls: 'note', text: 'Frame hits per 1,000 words in the part each document shares with the other and in the part it rewrote.' }));
    function num(j) { return { h: ['shared a', 'rewritten a', 'shared b', 'rewritten b'][j], n: true, cell: function (s) { return fmt(s.r[j], 1); }, key: function (s) { return s.r[j]; } }; }
    table(body, [
      { h: 'pair', cell: function (s) { return el('span', null, [docLabel(s.a), ' ↔ ', docLabel(s.b)]); }, t: true },
      { h: 'frame', cell: function (s) { return s.f; }, key: function (s) { return s.f; } },
      num(0), num(1), num(2), num(3)
    ], function () { return rows.filter(function (s) { var q = pairAt[s.a + ',' + s.b]; return twoPass(s.a, s.b, q == null ? '' : pairs[q].v); }); }, {
      total: rows.length,
      click: function (s) { var q = pairAt[s.a + ',' + s.b]; if (q != null) showPair(q, null, true); }
    });
  }

  drawGroups();
  drawRewrites();
  drawOutlets();
  drawByOutlet();
  drawStories();
  drawPairs();
  drawPassages();
  drawHeat();
  drawDocuments();
  drawStance();
  drawEvidence();
  drawShift();
  document.body.setAttribute('data-ready', '1');
})();

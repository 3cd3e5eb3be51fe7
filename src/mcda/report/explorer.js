/* mcda weight explorer: re-scores the study in the browser as weights move.
 * The kernels below follow mcda.kernels (normalize.py, additive.py, topsis.py,
 * ahp_synthesis.py) formula for formula, so scores equal Study.score for the same weights. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("mcda-data").textContent);
  var host = document.getElementById("mcda-explorer");
  var m = D.alternatives.length;
  var col = {}, nodes = {}, names = {};
  D.leaves.forEach(function (id, j) { col[id] = j; });
  D.alternatives.forEach(function (a) { names[a.id] = a.name; });
  (function index(n, parent) {
    nodes[n.id] = { node: n, parent: parent };
    names[n.id] = n.name;
    (n.children || []).forEach(function (c) { index(c, n.id); });
  })(D.tree, null);
  var methods = {};
  D.methods.forEach(function (x) { methods[x.key] = x; });

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  function div(num, den, fill) { return den > 0 ? num / den : fill; }
  function maxAbs(x) { var a = 0; x.forEach(function (v) { a = Math.max(a, Math.abs(v)); }); return a; }
  function sum(x) { var s = 0; x.forEach(function (v) { s += v; }); return s; }
  function min(x) { return Math.min.apply(null, x); }
  function max(x) { return Math.max.apply(null, x); }

  // ---- mcda.kernels.normalize: _unit_cols, _scale_cols, _invert_cols (one column x of length m)
  function unitCol(x) { var a = maxAbs(x); return x.map(function (v) { return div(v, a, 0); }); }
  function scaleCol(x, method) {
    if (method === "none") { return x.slice(); }
    var y = unitCol(x), lo, hi, s;
    if (method === "minmax") { lo = min(y); hi = max(y); return y.map(function (v) { return div(v - lo, hi - lo, 1); }); }
    if (method === "max") { s = maxAbs(x); return x.map(function (v) { return div(v, s, 1); }); }
    if (method === "sum") { s = sum(y); return y.map(function (v) { return div(v, s, 1 / m); }); }
    if (method === "vector") {
      s = Math.sqrt(sum(y.map(function (v) { return v * v; })));
      return y.map(function (v) { return div(v, s, 0); });
    }
    throw new Error("unknown normalisation " + method);
  }
  function invertCol(x, method) {
    var y, lo, hi, lowest, ratio, s;
    if (method === "minmax") { y = unitCol(x); lo = min(y); hi = max(y); return y.map(function (v) { return div(hi - v, hi - lo, 1); }); }
    if (method === "vector") { return scaleCol(x, "vector").map(function (v) { return 1 - v; }); }
    lowest = min(x);
    ratio = x.map(function (v) { return div(lowest, v, 1); });
    if (method === "max") { return ratio; }
    if (method === "sum") { s = sum(ratio); return ratio.map(function (r) { return div(r, s, 1 / m); }); }
    throw new Error("normalisation " + method + " cannot invert a cost criterion");
  }
  // check_normalizable / check_scalable: the same refusals as the library, as messages
  function refusal(x, benefit, method, scaleOnly) {
    var neg = x.some(function (v) { return v < 0; });
    if (scaleOnly) { return (method === "max" || method === "sum") && neg ? "scaling '" + method + "' needs non-negative values" : null; }
    if (method === "none" && !benefit) { return "a cost criterion cannot be inverted without normalisation"; }
    if ((method === "max" || method === "sum") && neg) { return "normalisation '" + method + "' needs non-negative values"; }
    if ((method === "max" || method === "sum") && !benefit && x.some(function (v) { return v === 0; })) {
      return "normalisation '" + method + "' inverts cost criteria (1/x) and needs values > 0 there";
    }
    if (method === "vector" && !benefit && neg) { return "normalisation 'vector' needs non-negative values on cost criteria"; }
    return null;
  }

  // ---- per (method, scope): the weight-independent matrix R, or why the method cannot score
  var cache = {};
  function scopeCols(scope) {
    var out = [];
    (function walk(n) {
      if (!n.children) { if (n.id in col) { out.push(col[n.id]); } return; }
      n.children.forEach(walk);
    })(nodes[scope].node);
    return out;
  }
  function prepared(key, scope) {
    var id = key + "|" + scope;
    if (cache[id]) { return cache[id]; }
    var M = methods[key], cols = scopeCols(scope), R = [], err = null;
    var norm = M.kind === "ahp" ? (M.option === "ideal" ? "max" : "sum") : M.option;
    var columns = cols.map(function (j) { return D.X.map(function (row) { return row[j]; }); });
    columns.forEach(function (x, k) {
      var b = D.benefit[cols[k]], why;
      if (M.kind === "wpm" && x.some(function (v) { return v < 0; })) { why = "WPM needs non-negative values"; }
      else { why = refusal(x, b, norm, M.kind === "topsis"); }
      if (why && !err) { err = names[D.leaves[cols[k]]] + ": " + why; }
      if (!why) { R.push(M.kind === "topsis" || b ? scaleCol(x, norm) : invertCol(x, norm)); }
    });
    var benefit = cols.map(function (j) { return D.benefit[j]; });
    // TOPSIS's ideal and anti-ideal of each column do not depend on the (non-negative) weights
    var ideal = R.map(function (x, k) { return benefit[k] ? max(x) : min(x); });
    var anti = R.map(function (x, k) { return benefit[k] ? min(x) : max(x); });
    cache[id] = { cols: cols, R: R, err: err, benefit: benefit, ideal: ideal, anti: anti };
    return cache[id];
  }

  // global weights of the scope's leaves: products of local weights from the scope node down
  function scopeWeights(local, scope, cols) {
    var w = {};
    (function walk(n, mass) {
      if (!n.children) { w[n.id] = mass; return; }
      var kids = local[n.id] || {};
      n.children.forEach(function (c) { if (c.id in kids) { walk(c, mass * kids[c.id]); } });
    })(nodes[scope].node, 1.0);
    return cols.map(function (j) { return w[D.leaves[j]] || 0; });
  }

  // ---- the kernels: mcda.kernels.wsm / wpm / topsis / ahp_synthesis for one weight vector
  function score(key, scope, local) {
    var P = prepared(key, scope), kind = methods[key].kind;
    if (P.err) { return { error: P.err }; }
    var w = scopeWeights(local, scope, P.cols), R = P.R, n = w.length, s = [], i, j;
    for (i = 0; i < m; i++) {
      if (kind === "wsm" || kind === "ahp") {
        var t = 0; for (j = 0; j < n; j++) { t += w[j] * R[j][i]; } s.push(t);
      } else if (kind === "wpm") {
        var lg = 0, zero = false;
        for (j = 0; j < n; j++) { if (R[j][i] > 0) { lg += w[j] * Math.log(R[j][i]); } else if (w[j] > 0) { zero = true; } }
        s.push(zero ? 0 : Math.exp(lg));
      } else {
        var dp = 0, dm = 0;
        for (j = 0; j < n; j++) {
          var ww = w[j] * w[j], gp = R[j][i] - P.ideal[j], gm = R[j][i] - P.anti[j];
          dp += ww * gp * gp;
          dm += ww * gm * gm;
        }
        dp = Math.sqrt(dp); dm = Math.sqrt(dm);
        s.push(div(dm, dp + dm, 0.5));
      }
    }
    return { scores: s, w: w, P: P };
  }
  function ranks(s) { return s.map(function (v) { return 1 + s.filter(function (u) { return u > v; }).length; }); }
  function margin(s, claim) {  // mcda.verdicts.claim_margin (higher is better)
    var idx = claim.map(function (a) { return D.alternatives.findIndex(function (x) { return x.id === a; }); });
    var gaps = [], k, rest = [];
    for (k = 0; k + 1 < idx.length; k++) { gaps.push(s[idx[k]] - s[idx[k + 1]]); }
    s.forEach(function (v, i) { if (idx.indexOf(i) < 0) { rest.push(v); } });
    if (rest.length) { gaps.push(s[idx[idx.length - 1]] - max(rest)); }
    return min(gaps);
  }

  // ---- state and weight moves (siblings keep their ratios, as in mcda.sensitivity.node_path)
  var state = { local: null, profile: null, method: D.method, base: {} };
  function copyLocal(local) { var o = {}; Object.keys(local).forEach(function (k) { o[k] = Object.assign({}, local[k]); }); return o; }
  function moved(local, node, t) {
    var parent = nodes[node].parent, kids = Object.assign({}, local[parent]), old = kids[node];
    var sibs = Object.keys(kids).filter(function (c) { return c !== node; });
    sibs.forEach(function (c) { kids[c] = old < 1 ? kids[c] / (1 - old) * (1 - t) : (1 - t) / sibs.length; });
    kids[node] = t;
    var out = Object.assign({}, local); out[parent] = kids; return out;
  }
  // margins of the verdicts (all, or those listed; the others are undefined); one scoring per scope
  function outcomes(local, which) {
    var byScope = {};
    return D.verdicts.map(function (v, i) {
      if (which && which.indexOf(i) < 0) { return undefined; }
      var r = byScope[v.scope] || (byScope[v.scope] = score(state.method, v.scope, local));
      return r.error ? null : margin(r.scores, v.claim);
    });
  }
  // moving a node changes local weights under its parent only, so only verdicts whose scope holds that parent
  function within(node, scope) {
    for (var n = node; n !== null; n = nodes[n].parent) { if (n === scope) { return true; } }
    return false;
  }
  var affected = {};
  Object.keys(nodes).forEach(function (id) {
    var parent = nodes[id].parent;
    affected[id] = [];
    if (parent !== null) { D.verdicts.forEach(function (v, i) { if (within(parent, v.scope)) { affected[id].push(i); } }); }
  });

  // ---- building the page
  var sliders = {};
  function sliderRows(n, out) {
    var kids = (n.children || []).filter(function (c) { return true; });
    if (kids.length > 1) {
      out.push('<div class="group"><div class="gname">' + esc(n.name) + "</div>");
      kids.forEach(function (c) {
        out.push('<div class="slider"><label title="' + esc(c.name) + '" for="w-' + esc(c.id) + '">' + esc(c.name) +
          '</label><span><input type="range" min="0" max="1" step="0.001" id="w-' + esc(c.id) + '" data-node="' + esc(c.id) +
          '"><span class="ticks" data-ticks="' + esc(c.id) + '"></span></span><output data-out="' + esc(c.id) + '"></output></div>');
      });
    }
    kids.forEach(function (c) { if (c.children) { sliderRows(c, out); } });
    if (kids.length > 1) { out.push("</div>"); }
  }
  var html = ['<div><h3>Weights</h3><div id="mcda-profiles">'];
  D.profiles.forEach(function (p) { html.push('<button type="button" data-profile="' + esc(p.id) + '">' + esc(p.id) + "</button>"); });
  html.push('</div><p><label>Method <select id="mcda-method">');
  D.methods.forEach(function (x) { html.push('<option value="' + esc(x.key) + '">' + esc(x.label) + "</option>"); });
  html.push('</select></label></p><p class="small">Each slider is a node\'s local weight among its siblings; the ' +
    "siblings keep their ratios. Red ticks under a slider: weights at which a verdict flips.</p>");
  sliderRows(D.tree, html);
  html.push('</div><div><h3>Scores</h3><p id="mcda-error" class="error"></p><table id="mcda-scores"><thead><tr><th>rank</th>' +
    '<th>alternative</th><th>score</th></tr></thead><tbody></tbody></table><h3>Verdicts</h3><table id="mcda-verdicts"><thead>' +
    '<tr><th>verdict</th><th>scope</th><th id="mcda-base-head">at the profile</th><th>now</th></tr></thead><tbody></tbody></table>' +
    '<div id="mcda-contrib"></div><h3>These weights as a profile</h3><button type="button" id="mcda-copy">Copy YAML</button>' +
    '<textarea id="mcda-yaml" readonly></textarea></div>');
  host.innerHTML = html.join("");
  Array.prototype.forEach.call(host.querySelectorAll("input[data-node]"), function (el) {
    sliders[el.getAttribute("data-node")] = el;
    el.addEventListener("input", function () {
      state.local = moved(state.local, el.getAttribute("data-node"), parseFloat(el.value));
      refresh();
    });
  });

  // ---- rendering
  function fmt(x, d) { return Math.abs(x) < 0.5 * Math.pow(10, -d - 3) ? (0).toFixed(d) : x.toFixed(d); }
  function yamlNumber(x) {
    var s = String(x);
    if (s.indexOf("e") >= 0 && s.indexOf(".") < 0) { return s.replace("e", ".0e"); }
    return s.indexOf(".") < 0 && s.indexOf("e") < 0 ? s + ".0" : s;
  }
  function yaml() {
    var lines = ["  - id: explorer", '    description: ' + JSON.stringify("set in the weight explorer, starting from profile " + state.profile), "    weights:"];
    Object.keys(state.local).forEach(function (node) {
      var kids = Object.assign({}, state.local[node]);
      D.excluded.forEach(function (x) { if (x.parent === node) { kids[x.id] = 0; } });
      lines.push("      " + JSON.stringify(node) + ": {" + Object.keys(kids).map(function (c) {
        return JSON.stringify(c) + ": " + yamlNumber(kids[c]);
      }).join(", ") + "}");
    });
    return lines.join("\n") + "\n";
  }
  function contributionChart(r) {
    var kind = methods[state.method].kind, order = ranks(r.scores), lead = order.indexOf(1);
    var second = -1;
    r.scores.forEach(function (v, i) { if (i !== lead && (second < 0 || v > r.scores[second])) { second = i; } });
    if (lead < 0 || second < 0) { return ""; }
    var items = r.P.cols.map(function (j, k) {
      var a = r.P.R[k][lead], b = r.P.R[k][second], c;
      if (kind === "wpm") { c = r.w[k] > 0 ? r.w[k] * (Math.log(a) - Math.log(b)) : 0; }
      else { c = r.w[k] * (a - b) * (kind === "topsis" && !r.P.benefit[k] ? -1 : 1); }
      return { name: names[D.leaves[j]], v: c };
    }).sort(function (p, q) { return Math.abs(q.v) - Math.abs(p.v); });
    var top = items.slice(0, 12), rest = items.slice(12);
    if (rest.length) { top.push({ name: rest.length + " other criteria", v: sum(rest.map(function (x) { return x.v; })) }); }
    var lim = 1.3 * Math.max.apply(null, top.map(function (x) { return Math.abs(x.v); }).concat([1e-12]));
    var longest = Math.max.apply(null, top.map(function (x) { return x.name.length; }).concat([10]));
    var L = Math.min(360, 16 + 6.2 * longest), W = 320, row = 18, h = 50 + row * top.length + 30, mid = L + W / 2;
    var A = names[D.alternatives[lead].id], B = names[D.alternatives[second].id];
    var title = A + " vs " + B + ": contributions to the gap";
    var s = ['<figure class="chart" data-chart="contributions-live"><svg role="img" aria-label="' + esc(title) + '" viewBox="0 0 ' +
      (L + W + 200) + " " + h + '" width="' + (L + W + 200) + '" height="' + h + '"><title>' + esc(title) + "</title>",
      '<text x="' + ((L + W) / 2) + '" y="16" text-anchor="middle" font-size="13" font-weight="bold">' + esc(title) + "</text>",
      '<rect x="' + L + '" y="26" width="10" height="10" fill="#0072B2"/><text x="' + (L + 14) + '" y="35" font-size="11">favours ' + esc(A) + "</text>",
      '<rect x="' + (L + 40 + 7.2 * A.length) + '" y="26" width="10" height="10" fill="#D55E00"/><text x="' + (L + 54 + 7.2 * A.length) + '" y="35" font-size="11">favours ' + esc(B) + "</text>"];
    top.forEach(function (x, i) {
      var y = 44 + i * row, w = Math.abs(x.v) / lim * (W / 2), xx = x.v >= 0 ? mid : mid - w;
      s.push('<rect x="' + xx.toFixed(1) + '" y="' + (y + 2) + '" width="' + w.toFixed(1) + '" height="' + (row - 4) + '" fill="' + (x.v >= 0 ? "#0072B2" : "#D55E00") + '"/>');
      s.push('<text x="' + (L - 6) + '" y="' + (y + 13) + '" text-anchor="end" font-size="11">' + esc(x.name) + "</text>");
      s.push('<text x="' + (x.v >= 0 ? mid + w + 4 : mid - w - 4).toFixed(1) + '" y="' + (y + 13) + '" text-anchor="' + (x.v >= 0 ? "start" : "end") + '" font-size="10">' + fmt(x.v, 4) + "</text>");
    });
    var yb = 44 + row * top.length;
    s.push('<line x1="' + mid + '" y1="40" x2="' + mid + '" y2="' + yb + '" stroke="#333"/>');
    var measure = kind === "wpm" ? "weighted log-ratio" : kind === "topsis" ? "weighted normalised advantage (TOPSIS is not additive)" : "weighted normalised score difference";
    s.push('<text x="' + mid + '" y="' + (yb + 22) + '" text-anchor="middle" font-size="11">' + esc(measure) + "</text></svg></figure>");
    return s.join("");
  }
  function ticks() {
    var now = outcomes(state.local).map(function (x) { return x === null ? null : x > 0; });
    Object.keys(sliders).forEach(function (node) {
      var marks = [], prev = null, k, K = 40;
      for (k = 0; k <= K; k++) {
        if (!affected[node].length) { break; }
        var sig = outcomes(moved(state.local, node, k / K), affected[node]).map(function (x) {
          return x === undefined ? "" : x === null ? "-" : x > 0 ? "1" : "0";
        }).join("");
        if (prev !== null && sig !== prev) { marks.push((k - 0.5) / K); }
        prev = sig;
      }
      host.querySelector('[data-ticks="' + node.replace(/"/g, '\\"') + '"]').innerHTML = marks.map(function (t) {
        return '<i style="left:' + (t * 100).toFixed(1) + '%"></i>';
      }).join("");
    });
    return now;
  }
  function refresh() {
    var r = score(state.method, D.tree.id, state.local), err = host.querySelector("#mcda-error");
    err.textContent = r.error ? "This method cannot score the matrix: " + r.error : "";
    var body = host.querySelector("#mcda-scores tbody");
    if (!r.error) {
      var rk = ranks(r.scores), order = D.alternatives.map(function (a, i) { return i; }).sort(function (a, b) { return rk[a] - rk[b] || a - b; });
      body.innerHTML = order.map(function (i) {
        return '<tr data-alternative="' + esc(D.alternatives[i].id) + '"><td data-rank="' + rk[i] + '">' + rk[i] + "</td><td>" +
          esc(D.alternatives[i].name) + '</td><td data-score="' + String(r.scores[i]) + '">' + fmt(r.scores[i], 6) + "</td></tr>";
      }).join("");
      host.querySelector("#mcda-contrib").innerHTML = contributionChart(r);
    } else { body.innerHTML = ""; host.querySelector("#mcda-contrib").innerHTML = ""; }
    var now = outcomes(state.local);
    host.querySelector("#mcda-verdicts tbody").innerHTML = D.verdicts.map(function (v, i) {
      var b = state.base[v.id], x = now[i];
      var cell = function (g) { return g === null || g === undefined ? "n/a" : '<span class="' + (g > 0 ? "ok" : "bad") + '">' + (g > 0 ? "holds" : "fails") + "</span> " + fmt(g, 4); };
      var flipped = b !== null && x !== null && (b > 0) !== (x > 0);
      return '<tr data-verdict="' + esc(v.id) + '" data-margin="' + (x === null ? "" : String(x)) + '"' + (flipped ? ' class="flip"' : "") +
        '><td title="' + esc(v.statement) + '">' + esc(v.id) + "</td><td>" + esc(names[v.scope] || v.scope) + "</td><td>" + cell(b) +
        "</td><td>" + cell(x) + (flipped ? " <b>flipped</b>" : "") + "</td></tr>";
    }).join("");
    Object.keys(sliders).forEach(function (node) {
      var t = state.local[nodes[node].parent][node];
      if (document.activeElement !== sliders[node]) { sliders[node].value = String(t); }
      host.querySelector('[data-out="' + node.replace(/"/g, '\\"') + '"]').textContent = fmt(t, 3);
    });
    host.querySelector("#mcda-yaml").value = yaml();
    ticks();
  }
  function rebase() {  // outcomes at the unmoved profile, under the current method
    var p = D.profiles.filter(function (x) { return x.id === state.profile; })[0];
    var base = outcomes(p.local);
    D.verdicts.forEach(function (v, i) { state.base[v.id] = base[i]; });
  }
  function setProfile(id) {
    var p = D.profiles.filter(function (x) { return x.id === id; })[0];
    state.local = copyLocal(p.local); state.profile = id;
    rebase();
    host.querySelector("#mcda-base-head").textContent = "at profile " + id;
    Array.prototype.forEach.call(host.querySelectorAll("button[data-profile]"), function (b) {
      b.className = b.getAttribute("data-profile") === id ? "active" : "";
    });
    refresh();
  }
  Array.prototype.forEach.call(host.querySelectorAll("button[data-profile]"), function (b) {
    b.addEventListener("click", function () { setProfile(b.getAttribute("data-profile")); });
  });
  var select = host.querySelector("#mcda-method");
  select.value = state.method;
  select.addEventListener("change", function () { state.method = select.value; rebase(); refresh(); });
  host.querySelector("#mcda-copy").addEventListener("click", function () {
    var ta = host.querySelector("#mcda-yaml");
    if (navigator.clipboard && navigator.clipboard.writeText) { navigator.clipboard.writeText(ta.value).catch(function () {}); }
    else { ta.select(); document.execCommand("copy"); }
  });
  setProfile(D.profiles[0].id);
})();

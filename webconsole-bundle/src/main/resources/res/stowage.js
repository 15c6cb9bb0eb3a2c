/* The Stowage plugin's live parts: the stores page's charts (uPlot, fed from api/stats.json every 2 s) and the
   operations page's migration progress bar (polling api/migrations/<id>.json). Nothing here builds HTML from data:
   text goes in through textContent. */
(function () {
  'use strict';
  var root = document.getElementById('stowage');
  if (!root) { return; }
  // From the origin: a page opened as http://user:password@host/... would make fetch refuse a relative URL
  var base = window.location.origin + root.getAttribute('data-root');
  var KEPT = 150; // 5 minutes of readings at one every 2 s

  function charts() {
    var box = document.getElementById('stowage-charts');
    if (!box || typeof uPlot === 'undefined') { return; }
    var choice = document.getElementById('stowage-chart-store');
    var width = Math.max(400, Math.min(900, box.clientWidth || 800));
    var time = [], rp50 = [], rp99 = [], wp50 = [], wp99 = [], ops = [];
    var latency = new uPlot({
      title: 'Latency (µs)', width: width, height: 220,
      axes: [{}, {size: 80}],
      series: [{}, {label: 'read p50', stroke: '#2a6'}, {label: 'read p99', stroke: '#173'},
               {label: 'write p50', stroke: '#c63'}, {label: 'write p99', stroke: '#822'}]
    }, [time, rp50, rp99, wp50, wp99], document.getElementById('stowage-chart-latency'));
    var operations = new uPlot({
      title: 'Operations per second', width: width, height: 220,
      axes: [{}, {size: 80}],
      series: [{}, {label: 'operations/s', stroke: '#36c', fill: 'rgba(51,102,204,0.1)'}]
    }, [time, ops], document.getElementById('stowage-chart-operations'));
    var last = null;

    function pick(stores) {
      var wanted = choice.value;
      var sum = {operations: 0, read: {p50: 0, p99: 0}, write: {p50: 0, p99: 0}};
      stores.forEach(function (s) {
        if (wanted && s.store !== wanted) { return; }
        sum.operations += s.operations;
        // For all stores, the slowest store's percentiles: percentiles do not add up
        sum.read.p50 = Math.max(sum.read.p50, s.read.p50); sum.read.p99 = Math.max(sum.read.p99, s.read.p99);
        sum.write.p50 = Math.max(sum.write.p50, s.write.p50); sum.write.p99 = Math.max(sum.write.p99, s.write.p99);
      });
      return sum;
    }

    function reset() {
      [time, rp50, rp99, wp50, wp99, ops].forEach(function (a) { a.length = 0; });
      last = null;
    }

    function poll() {
      fetch(base + '/api/stats.json', {credentials: 'same-origin', cache: 'no-store'})
        .then(function (r) { return r.json(); })
        .then(function (feed) {
          var now = pick(feed.stores || []);
          var t = feed.time / 1000;
          if (last !== null && t > last.t) {
            time.push(t);
            rp50.push(now.read.p50); rp99.push(now.read.p99); wp50.push(now.write.p50); wp99.push(now.write.p99);
            ops.push(Math.max(0, (now.operations - last.operations) / (t - last.t)));
            if (time.length > KEPT) { [time, rp50, rp99, wp50, wp99, ops].forEach(function (a) { a.shift(); }); }
            latency.setData([time, rp50, rp99, wp50, wp99]);
            operations.setData([time, ops]);
          }
          last = {t: t, operations: now.operations};
          box.setAttribute('data-readings', String(time.length));
        })
        .catch(function (e) { console.warn('stowage: stats poll failed, the next one tries again', e); });
    }
    choice.addEventListener('change', reset);
    poll();
    setInterval(poll, 2000);
  }

  function migration() {
    var box = document.getElementById('stowage-migration');
    if (!box) { return; }
    var id = box.getAttribute('data-id');
    var bar = document.getElementById('stowage-migration-bar');
    var text = document.getElementById('stowage-migration-text');
    var timer = setInterval(function () {
      fetch(base + '/api/migrations/' + encodeURIComponent(id) + '.json', {credentials: 'same-origin', cache: 'no-store'})
        .then(function (r) { return r.json(); })
        .then(function (m) {
          if (m.error && !m.phase) { text.textContent = m.error; clearInterval(timer); return; }
          bar.style.width = m.percent + '%';
          box.setAttribute('data-percent', String(m.percent));
          box.setAttribute('data-phase', m.phase);
          text.textContent = m.store + ' from ' + m.source + ' to ' + m.target + ': ' + m.phase.toLowerCase() + ', '
            + m.copied + ' of about ' + m.total + ' entries copied (' + m.percent + '%)' + (m.error ? ': ' + m.error : '');
          if (m.finished) {
            clearInterval(timer);
            // Nothing is left to cancel once it ended
            var cancel = document.getElementById('stowage-migration-cancel');
            if (cancel) { cancel.style.display = 'none'; }
          }
        })
        .catch(function (e) { console.warn('stowage: progress poll failed, the next one tries again', e); });
    }, 500);
  }

  // The restore form sends its file as the raw body: every console passes that through, while multipart needs the
  // console's servlet registered for it (Web Console 5 is; Karaf's 4.8 on Pax Web may not be). Without scripts the
  // form still posts multipart.
  function restore() {
    var form = document.getElementById('stowage-restore');
    if (!form || typeof fetch === 'undefined') { return; }
    form.addEventListener('submit', function (event) {
      var file = form.querySelector("input[name='dump']").files[0];
      if (!file) { return; }
      event.preventDefault();
      var mode = form.querySelector("select[name='mode']").value;
      fetch(base + '/operations/restore?mode=' + encodeURIComponent(mode), {
        // manual: following the 303 here would GET the operations page in the background and use up its message
        method: 'POST', credentials: 'same-origin', body: file, redirect: 'manual',
        headers: {'Content-Type': 'application/octet-stream', 'X-Stowage-CSRF': root.getAttribute('data-csrf')}
      }).then(function () { window.location.assign(base + '/operations'); })
        .catch(function (e) { console.warn('stowage: restore upload failed', e); form.submit(); });
    });
  }

  charts();
  migration();
  restore();
}());

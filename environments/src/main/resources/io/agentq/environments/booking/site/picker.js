// The booking site's table picker: renders the date, party-size, time and seating controls from
// the availability JSON the server embeds in the page. Every control is a real <button> whose click
// opens the next state's URL, so all page state stays in the URL.
(function () {
  var data = JSON.parse(document.getElementById('availability').textContent);
  var root = document.getElementById('picker');

  function go(path, changes) {
    var p = new URLSearchParams();
    Object.keys(data.state).forEach(function (k) { p.set(k, data.state[k]); });
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null) { p.delete(k); } else { p.set(k, changes[k]); }
    });
    location.href = path + '?' + p.toString();
  }

  function button(parent, id, label, pressed, path, changes) {
    var b = document.createElement('button');
    b.type = 'button';
    b.id = id;
    b.textContent = label;
    b.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    if (pressed) { b.className = 'on'; }
    b.addEventListener('click', function () { go(path, changes); });
    parent.appendChild(b);
  }

  function group(title) {
    var g = document.createElement('div');
    g.className = 'control';
    var h = document.createElement('h3');
    h.textContent = title;
    g.appendChild(h);
    root.appendChild(g);
    return g;
  }

  function line(parent, text) {
    var p = document.createElement('p');
    p.textContent = text;
    parent.appendChild(p);
  }

  var dates = group('Date');
  if (data.earlier) {
    button(dates, 'dates-earlier', data.labels.earlier, false, data.path, {w: data.earlier});
  }
  data.dates.forEach(function (d) {
    button(dates, 'date-' + d.value, d.label, d.value === data.date, data.path,
        {d: d.value, w: data.week, t: null, st: null});
  });
  if (data.later) {
    button(dates, 'dates-later', data.labels.later, false, data.path, {w: data.later});
  }

  var party = group('Party size');
  data.parties.forEach(function (n) {
    button(party, 'party-' + n.value, n.label, n.value === data.party, data.path,
        {n: n.value, t: null, st: null});
  });

  var times = group('Time');
  data.times.forEach(function (t) {
    button(times, 'time-' + t.value.replace(':', ''), t.label, t.value === data.time, data.path,
        {t: t.value, st: null});
  });

  if (!data.time) { return; }
  var chosen = data.times.filter(function (t) { return t.value === data.time; })[0];
  var when = chosen ? chosen.label : data.time;
  var tables = group('Tables at ' + when);
  var free = chosen ? chosen.free : [];
  if (free.length === 0) {
    line(tables, 'No table at ' + when + ' for ' + data.partyLabel + '.');
    if (data.alternatives.length === 0) {
      line(tables, 'No other time has a table for ' + data.partyLabel + ' on this day.');
      return;
    }
    line(tables, 'Nearby times with a table:');
    data.alternatives.forEach(function (t) {
      button(tables, 'try-' + t.value.replace(':', ''), 'Try ' + t.label, false, data.path,
          {t: t.value, st: null});
    });
    return;
  }
  data.seatings.forEach(function (s) {
    if (free.indexOf(s.value) >= 0) {
      button(tables, 'seating-' + s.value, s.label, s.value === data.seating, data.path, {st: s.value});
    } else {
      line(tables, s.label + ': no table for ' + data.partyLabel + ' at ' + when + '.');
    }
  });
  if (data.seating && free.indexOf(data.seating) >= 0) {
    var next = group('Next');
    button(next, 'continue', data.labels.next, false, data.continueTo, {});
  }
})();

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench: kthreadify against the coccicheck way on a whole kernel tree.

Measures, on this machine, in one run:
  - the full suite in report mode over the whole tree with the driver,
    cold cache (a fresh --cache-dir each time);
  - the same rules the coccicheck way: one
      spatch -D report --very-quiet --dir TREE --cocci-file R -j J
             --chunksize 1 --timeout T --python P <the rule's Options>
             <the macro hints, as the driver passes them>
    per rule file, the same J, T and Python;
  - the ratio, a warm re-run, a re-run after one candidate file changed;
  - peak memory of the whole process tree (the sum of the resident sets
    of every process in it, sampled), candidates, files/s, and whether
    the two sets of findings are identical once paths and formats are
    normalised.
Every figure is the median of BENCH_RUNS runs (default 3).

Environment: BENCH_RUNS, BENCH_JOBS (default: cores), BENCH_TIMEOUT
(default 120), BENCH_RULES (ids, space separated; default: every rule
that runs in report mode), BENCH_TREE (default: tests/lib/kernel-source),
BENCH_SKIP_COCCICHECK=1 (the driver's figures only), BENCH_JSON=FILE
(every sample, for the record).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
KTHREADIFY = os.path.join(REPO, 'kthreadify')
COCCI = os.path.join(REPO, 'cocci')
PYTHON = '/usr/bin/python3'


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------
# Peak memory of a process tree: sum of VmRSS over the leader and every
# descendant, sampled every 100 ms.

def children_map():
    kids = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % pid) as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(')') + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(pid))
    return kids


def rss_kib(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss(root):
    kids = children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss_kib(pid)
        todo.extend(kids.get(pid, []))
    return total


def run_measured(argv, cwd, env=None, stdout_path=None):
    """Run argv; return (seconds, peak KiB of the tree, rc, stdout, stderr)."""
    out = open(stdout_path, 'w+') if stdout_path else tempfile.TemporaryFile('w+')
    err = tempfile.TemporaryFile('w+')
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            done.wait(0.1)
    t = threading.Thread(target=sample)
    t.start()
    rc = proc.wait()
    secs = time.monotonic() - start
    done.set()
    t.join()
    out.seek(0)
    err.seek(0)
    text_out, text_err = out.read(), err.read()
    out.close()
    err.close()
    return secs, peak[0], rc, text_out, text_err


# ---------------------------------------------------------------------
# Findings, normalised: (rule, path relative to the tree, line, column,
# message).  The driver prints gcc style with 1-based columns and the
# severity as a word; spatch prints coccilib's FILE:L:C-E: with 0-based
# columns and the severity as a message prefix.

DRIVER_RE = re.compile(r'^(.*?):(\d+):(\d+): (warning|error): (.*) \[([^\]]+)\]$')
SPATCH_RE = re.compile(r'^(.*?):(\d+):(\d+)-(\d+): (.*)$')


def strip_severity(msg):
    for word in ('ERROR', 'WARNING'):
        if msg.startswith(word):
            rest = msg[len(word):]
            if rest.startswith(':'):
                return rest[1:].lstrip(' ')
            if rest == '' or rest.startswith(' '):
                return rest.lstrip(' ')
    return msg


def rel(path, tree):
    path = os.path.normpath(os.path.join(tree, path))
    return os.path.relpath(path, tree)


def driver_findings(text, tree):
    found = set()
    for line in text.splitlines():
        m = DRIVER_RE.match(line)
        if m:
            found.add((m.group(6), rel(m.group(1), tree), int(m.group(2)),
                       int(m.group(3)), m.group(5)))
    return found


def spatch_findings(text, rule, tree):
    found = set()
    for line in text.splitlines():
        m = SPATCH_RE.match(line)
        if m:
            found.add((rule, rel(m.group(1), tree), int(m.group(2)),
                       int(m.group(3)) + 1, strip_severity(m.group(5))))
    return found


# ---------------------------------------------------------------------

def rule_options(path):
    """coccicheck's `grep Options: | cut -d: -f2`."""
    opts = []
    with open(path) as f:
        for line in f:
            if 'Options:' in line:
                opts += line.split(':')[1].split()
    return opts


def macro_options(scratch):
    """The rules' macro hints, passed the way the driver passes them
    (after spatch's own macro file, as the builtins), so both ways parse
    the same code."""
    hints = os.path.join(COCCI, 'macros.h')
    if not os.path.exists(hints):
        return []
    help_text = subprocess.run(['spatch', '--longhelp'], capture_output=True,
                               text=True).stdout
    m = re.search(r'--macro-file-builtins[^\n]*\(default=([^)\n]+)\)',
                  help_text)
    if not m:
        return ['--macro-file', hints]
    builtins = os.path.join(scratch, 'builtin-macros.h')
    with open(builtins, 'w') as out:
        for path in (m.group(1), hints):
            with open(path) as f:
                out.write(f.read() + '\n')
    return ['--macro-file-builtins', builtins]


def report_rules():
    """The rules that run in report mode, from --list-rules."""
    out = subprocess.run([KTHREADIFY, '--cocci-dir', COCCI, '--list-rules'],
                         capture_output=True, text=True, check=True).stdout
    rules = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and ('report' in parts[1] or 'patch' in parts[1]):
            rules.append(parts[0])
    wanted = os.environ.get('BENCH_RULES', '').split()
    return [r for r in rules if not wanted or r in wanted]


def summary_numbers(err):
    m = re.search(r'(\d+) files scanned, (\d+) candidates, .*?(\d+) unparsable, '
                  r'(\d+) timed out', err)
    if not m:
        return None
    return {'scanned': int(m.group(1)), 'candidates': int(m.group(2)),
            'unparsable': int(m.group(3)), 'timed_out': int(m.group(4))}


def problems(err):
    return [l for l in err.splitlines()
            if ('could not parse' in l or 'timed out after' in l or
                'spatch failed' in l)]


def median(xs):
    return statistics.median(xs) if xs else float('nan')


def fmt_s(x):
    return '%.1f s' % x if x >= 10 else '%.2f s' % x


class Bench:
    def __init__(self):
        self.runs = int(os.environ.get('BENCH_RUNS', '3'))
        self.jobs = int(os.environ.get('BENCH_JOBS', str(os.cpu_count() or 1)))
        self.timeout = int(os.environ.get('BENCH_TIMEOUT', '120'))
        tree = os.environ.get('BENCH_TREE')
        if not tree:
            tree = subprocess.run([os.path.join(REPO, 'tests/lib/kernel-source')],
                                  capture_output=True, text=True,
                                  check=True).stdout.strip()
        self.tree = os.path.abspath(tree)
        self.rules = report_rules()
        self.samples = {}
        self.work = tempfile.mkdtemp(prefix='kthreadify-bench.')

    def note(self, key, value):
        self.samples.setdefault(key, []).append(value)

    def driver(self, cache_dir, label):
        argv = [KTHREADIFY, '--cocci-dir', COCCI, '--mode=report',
                '-j', str(self.jobs), '--timeout', str(self.timeout),
                '--cache-dir', cache_dir]
        for r in self.rules:
            argv += ['--rule', r]
        argv.append('.')
        env = dict(os.environ, KTHREADIFY_PYTHON=PYTHON)
        secs, peak, rc, out, err = run_measured(argv, self.tree, env)
        if rc not in (0, 1, 2) or summary_numbers(err) is None:
            raise SystemExit('bench: %s run failed (exit %d): %s' %
                             (label, rc, err[-2000:]))
        log('bench: %-22s %8s  %7.0f MiB  exit %d' %
            (label, fmt_s(secs), peak / 1024, rc))
        return secs, peak, out, err

    def coccicheck(self):
        found = set()
        total, peak = 0.0, 0
        macros = macro_options(self.work)
        for rule in self.rules:
            path = os.path.join(COCCI, rule + '.cocci')
            argv = ['spatch', '-D', 'report', '--very-quiet', '--dir', '.',
                    '--cocci-file', path, '-j', str(self.jobs),
                    '--chunksize', '1', '--timeout', str(self.timeout),
                    '--python', PYTHON] + rule_options(path) + macros
            secs, pk, rc, out, err = run_measured(argv, self.tree)
            if rc != 0:
                raise SystemExit('bench: spatch %s failed (exit %d): %s' %
                                 (rule, rc, err[-2000:]))
            total += secs
            peak = max(peak, pk)
            found |= spatch_findings(out, rule, self.tree)
            log('bench:   coccicheck %-14s %8s' % (rule, fmt_s(secs)))
        log('bench: %-22s %8s  %7.0f MiB' % ('coccicheck way', fmt_s(total),
                                              peak / 1024))
        return total, peak, found

    def touch_one(self, candidate, n):
        path = os.path.join(self.tree, candidate)
        with open(path, 'rb') as f:
            data = f.read()
        with open(path, 'ab') as f:
            f.write(b'/* kthreadify bench %d */\n' % n)
        return path, data

    def run(self):
        log('bench: tree %s, rules %s, -j %d, --timeout %d, %d runs' %
            (self.tree, ' '.join(self.rules), self.jobs, self.timeout,
             self.runs))
        cold_found = None
        for i in range(self.runs):
            cache = os.path.join(self.work, 'cache%d' % i)
            secs, peak, out, err = self.driver(cache, 'driver cold #%d' % (i + 1))
            self.note('cold', secs)
            self.note('cold_peak', peak)
            found = driver_findings(out, self.tree)
            if cold_found is not None and found != cold_found:
                log('bench: WARNING: cold runs disagree')
            cold_found = found
            self.summary = summary_numbers(err)
            self.problems = problems(err)
        warm_cache = os.path.join(self.work, 'cache0')
        for i in range(self.runs):
            secs, peak, out, err = self.driver(warm_cache, 'driver warm #%d' % (i + 1))
            self.note('warm', secs)
            if driver_findings(out, self.tree) != cold_found:
                log('bench: WARNING: the warm run differs from the cold one')
        # One candidate file changed: the first file with a finding.
        victim = sorted({f[1] for f in cold_found})[0] if cold_found else None
        for i in range(self.runs if victim else 0):
            path, data = self.touch_one(victim, i)
            try:
                secs, peak, out, err = self.driver(
                    warm_cache, 'driver 1 touched #%d' % (i + 1))
            finally:
                with open(path, 'wb') as f:
                    f.write(data)
            self.note('touched', secs)
        self.victim = victim
        self.cold_found = cold_found
        self.cc_found = None
        if os.environ.get('BENCH_SKIP_COCCICHECK') != '1':
            for i in range(self.runs):
                secs, peak, found = self.coccicheck()
                self.note('coccicheck', secs)
                self.note('coccicheck_peak', peak)
                self.cc_found = found
        self.report()

    def report(self):
        s = self.samples
        cold = median(s['cold'])
        cands = self.summary['candidates']
        lines = []
        cpu = ''
        try:
            with open('/proc/cpuinfo') as f:
                for line in f:
                    if line.startswith('model name'):
                        cpu = line.split(':', 1)[1].strip()
                        break
        except OSError:
            pass
        lines.append('machine: %d cores (%s), %.0f GiB; %s' % (
            os.cpu_count(), cpu,
            os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30,
            time.strftime('%Y-%m-%d')))
        lines.append('spatch: %s' % subprocess.run(
            ['spatch', '--version'], capture_output=True,
            text=True).stdout.splitlines()[0])
        lines.append('tree: %s: %d files scanned, %d candidates; rules: %s; '
                     '-j %d, --timeout %d; medians of %d runs' % (
                         os.path.basename(self.tree),
                         self.summary['scanned'], cands,
                         ' '.join(self.rules), self.jobs, self.timeout,
                         self.runs))
        lines.append('driver, cold cache:        %s  (%.0f files/s scanned, '
                     '%.1f candidates/s)' % (
                         fmt_s(cold), self.summary['scanned'] / cold,
                         cands / cold))
        if 'coccicheck' in s:
            cc = median(s['coccicheck'])
            lines.append('coccicheck way:            %s' % fmt_s(cc))
            lines.append('ratio:                     %.1fx faster' % (cc / cold))
        lines.append('driver, warm cache:        %s' % fmt_s(median(s['warm'])))
        if 'touched' in s:
            lines.append('driver, 1 file touched:    %s  (%s)' % (
                fmt_s(median(s['touched'])), self.victim))
        lines.append('peak memory (driver, cold): %.0f MiB' %
                     (max(s['cold_peak']) / 1024))
        if 'coccicheck_peak' in s:
            lines.append('peak memory (coccicheck):  %.0f MiB' %
                         (max(s['coccicheck_peak']) / 1024))
        bad = self.summary['unparsable'] + self.summary['timed_out']
        lines.append('unparsable + timed out:    %d unparsable, %d timed out '
                     '= %.2f%% of candidates' % (
                         self.summary['unparsable'],
                         self.summary['timed_out'],
                         100.0 * bad / cands if cands else 0))
        for p in self.problems:
            lines.append('  ' + p)
        lines.append('findings (driver):         %d' % len(self.cold_found))
        if self.cc_found is not None:
            same = self.cc_found == self.cold_found
            lines.append('findings (coccicheck):     %d' % len(self.cc_found))
            lines.append('identical findings:        %s' % ('yes' if same else 'NO'))
            if not same:
                for f in sorted(self.cold_found - self.cc_found)[:20]:
                    lines.append('  only the driver: %s' % (f,))
                for f in sorted(self.cc_found - self.cold_found)[:20]:
                    lines.append('  only coccicheck: %s' % (f,))
        print('\n'.join(lines))
        out = os.environ.get('BENCH_JSON')
        if out:
            with open(out, 'w') as f:
                json.dump({'samples': s, 'summary': self.summary,
                           'problems': self.problems,
                           'driver_findings': sorted(self.cold_found),
                           'coccicheck_findings':
                               sorted(self.cc_found) if self.cc_found else None},
                          f, indent=1)

    def cleanup(self):
        shutil.rmtree(self.work, ignore_errors=True)


def main():
    if not os.access(KTHREADIFY, os.X_OK):
        raise SystemExit('bench: build ./kthreadify first (make)')
    b = Bench()
    try:
        b.run()
    finally:
        b.cleanup()


if __name__ == '__main__':
    main()

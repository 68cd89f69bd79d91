// SPDX-License-Identifier: GPL-2.0-only
/// Return from a kernel thread instead of calling do_exit() at its end
///
/// A thread function started with kthread_run() or kthread_create() that
/// ends with do_exit(x) or kthread_exit(x) (at its end, or when
/// kthread_should_stop() tells it to leave) does by hand what the kthread
/// core does with its return value. Since 5.17 do_exit() is not exported
/// to modules and kthread_exit() never was, so such modules fail at
/// modpost; "return x;" does the same on every kernel. A thread that ends
/// with module_put_and_exit() on a module reference taken just for it,
/// while the module's exit path stops it with kthread_stop(), does not
/// need the reference: kthread_stop() returns only once the thread
/// function has returned, before the module code goes away. The reference
/// goes and the thread returns.
///
//# Only the end of an int thread function is rewritten. An exit in the
//# middle of the thread, an exit in a void helper, a module reference whose
//# purpose cannot be shown and an exit inside a preprocessor conditional
//# are left alone; all but the last are reported. Threads are recognised
//# by being passed to a kthread creation call in the same file.
//
// Confidence: High
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The script rules decide per file; the rewrites find their code
//  again by function name and shape, as positions do not survive rewrites.
// Options: --no-includes --include-headers
// Keywords: do_exit, kthread_exit, module_put_and_exit, kthread_stop

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *

PLAIN_EXITS = ('do_exit', 'kthread_exit')
MODULE_EXITS = ('module_put_and_exit', 'module_put_and_kthread_exit')


class Facts:
    def __init__(self):
        self.exits = []        # every exit call, in file order
        self.creations = {}    # thread function -> [creation]
        self.rets = {}         # function -> return type tokens
        self.starts = {}       # function -> line of its definition
        self.bodies = {}       # function -> body tokens
        self.polls = set()     # functions that call kthread_should_stop()
        self.modrefs = []      # (call, function, line) on THIS_MODULE
        self.stops = []        # (task key, function)
        self.module_exit = None
        self.calls = {}        # function -> functions it calls
        self.decision = None


current = [None, None]


def start_file(pos):
    """Forget the previous file when the first rule meets a new one."""
    if current[1] != pos[0].file:
        current[0] = Facts()
        current[1] = pos[0].file


def facts():
    return current[0]


def element(pos):
    name = pos[0].current_element
    return None if name == 'something_else' else name


def at(pos):
    return (int(pos[0].line), int(pos[0].column))


def expr_text(ts):
    """C text of an expression, unary minus and plus kept tight."""
    out = []
    for i, t in enumerate(ts):
        if i and ts[i - 1] in ('-', '+') and \
                (i == 1 or ts[i - 2] in ('(', ',', '=', 'return') or
                 not (is_ident(ts[i - 2]) or ts[i - 2][0].isdigit() or
                      ts[i - 2] in (')', ']'))):
            out[-1] += t
        else:
            out.append(t)
    return text(out)


def open_conditionals(path, line):
    """Lines of the preprocessor conditionals open at line."""
    stack = []
    try:
        with open(path) as src:
            for n, raw in enumerate(src, 1):
                if n >= line:
                    break
                word = raw.strip()
                if not word.startswith('#'):
                    continue
                word = (word[1:].split() or [''])[0].split('(')[0]
                if word in ('if', 'ifdef', 'ifndef'):
                    stack.append(n)
                elif word == 'endif' and stack:
                    stack.pop()
    except OSError:
        return []
    return stack


def note_exit(p, name, arg):
    f = facts()
    where = at(p)
    if any(e['at'] == where for e in f.exits):
        return
    f.exits.append({'name': name, 'arg': expr_text(toks(arg)), 'at': where,
                    'pos': p, 'func': element(p), 'shape': 'hidden',
                    'conds': open_conditionals(p[0].file, where[0])})
    f.exits.sort(key=lambda e: e['at'])


def exit_at(p):
    for e in facts().exits:
        if e['at'] == at(p):
            return e
    return None


def mark_exit(p, shape):
    """Record where an exit call sits: 'mid' (a statement of its
    function), 'end' or 'dead' (last statement, possibly followed by an
    unreachable return) or 'stop' (last statement of a block entered
    when kthread_should_stop() is true). Later shapes refine 'mid'."""
    e = exit_at(p)
    if e is not None and (e['shape'] in ('hidden', 'mid') or
                          shape != 'mid'):
        e['shape'] = shape


def note_creation(pc, fn, creator):
    f = facts()
    c = {'fn': fn, 'creator': creator, 'func': element(pc), 'at': at(pc),
         'target': None, 'get': False, 'check': None}
    cs = f.creations.setdefault(fn, [])
    if all(o['at'] != c['at'] for o in cs):
        cs.append(c)


def creation_at(pc):
    for cs in facts().creations.values():
        for c in cs:
            if c['at'] == at(pc):
                return c
    return None


def is_exit_func(name):
    f = current[0]
    return f is not None and any(e['func'] == name for e in f.exits)


def is_defined(name):
    f = current[0]
    return f is not None and name in f.rets


def ret_type(fn):
    return [t for t in facts().rets.get(fn, [])
            if not t.startswith('__') and t not in ('inline', 'noinline')]


def task_key(ts):
    return lvalue_key(strip_parens(ts))


def reachable(f, start):
    seen, todo = set(), [start]
    while todo:
        fn = todo.pop()
        if fn in seen or fn is None:
            continue
        seen.add(fn)
        todo.extend(f.calls.get(fn, ()))
    return seen


# ---------------------------------------------------------------------
# Decisions: for every exit call, a rewrite or the reason for none.

def why_not(f, e):
    """Reason text for an exit call in the middle of a thread."""
    keys = {task_key(c['target']) for c in f.creations[e['func']]
            if c['target']}
    stoppers = sorted({func for k, func in f.stops if k and k in keys})
    if stoppers:
        return 'a return there would still end the thread before ' \
            'kthread_stop() in %s() asks it to stop (hazard 1, see the ' \
            'stop-race rule)' % stoppers[0]
    return 'only the end of a thread is rewritten'


def module_refusal(f, fn):
    """Why the module reference of thread fn cannot go, or None."""
    cs = f.creations.get(fn, [])
    if len(cs) != 1:
        return 'the thread is started in %d places' % len(cs)
    c = cs[0]
    key = c['target'] and task_key(c['target'])
    stoppers = sorted({func for k, func in f.stops if key and k == key})
    if not stoppers:
        return 'the thread is not stopped with kthread_stop(), so the ' \
            'module reference is what keeps the module loaded until ' \
            'the thread has ended'
    if not c['get']:
        return 'no module reference is taken right before the thread ' \
            'starts'
    for name, func, line in f.modrefs:
        if name != 'module_put' and line == c['get']:
            continue
        if name == 'module_put' and func == c['func'] and c['check'] and \
                c['check'][0] <= line <= c['check'][1]:
            continue
        return 'the module reference is also taken or dropped in %s()' \
            % func
    mine = [e for e in f.exits if e['func'] == fn]
    if any(e['shape'] not in ('end', 'dead', 'stop') or
           e['name'] not in MODULE_EXITS for e in mine):
        return 'the thread can also end another way'
    dead = sum(1 for e in mine if e['shape'] == 'dead')
    if f.bodies.get(fn, []).count('return') != dead:
        return 'the thread can return without dropping the reference'
    if fn not in f.polls:
        return 'the thread does not poll kthread_should_stop(), so ' \
            'kthread_stop() would not end it'
    if f.module_exit is None or \
            not set(stoppers) & reachable(f, f.module_exit):
        return 'kthread_stop() is not called on the module exit path'
    return None


def decide(f):
    """Attach to every exit call its verdict: ('rewrite', None),
    ('report', why) or ('skip', why)."""
    if f.decision is not None:
        return f.decision
    for e in f.exits:
        fn = e['func']
        rt = ret_type(fn) if fn in f.rets else None
        if e['shape'] == 'hidden':
            e['verdict'] = ('skip', 'it is not a statement of its own')
        elif any(line > f.starts.get(fn, 0) for line in e['conds']):
            e['verdict'] = ('skip', 'it is inside a preprocessor '
                            'conditional, which handles kernel versions '
                            'itself')
        elif rt == ['void']:
            e['verdict'] = ('report', 'void')
        elif fn not in f.creations:
            e['verdict'] = ('skip', '%s() is not started as a kernel '
                            'thread in this file' % fn)
        elif rt != ['int']:
            e['verdict'] = ('skip', '%s() does not return int' % fn)
        elif e['shape'] == 'mid':
            e['verdict'] = ('report', 'mid')
        elif e['name'] in PLAIN_EXITS:
            e['verdict'] = ('rewrite', None)
        else:
            why = module_refusal(f, fn)
            e['verdict'] = ('report', why) if why else ('rewrite', None)
    f.decision = True
    return True


def exit_ok(fn, name):
    """May the exit call name at the end of fn become a return?"""
    f = current[0]
    if f is None or f.decision is None:
        return False
    return any(e['func'] == fn and e['name'] == name and
               e['verdict'] == ('rewrite', None) for e in f.exits)


def module_threads(f):
    """Threads whose module reference goes, with their creations."""
    decide(f)
    out = []
    for fn, cs in sorted(f.creations.items()):
        if any(e['func'] == fn and e['name'] in MODULE_EXITS and
               e['verdict'][0] == 'rewrite' for e in f.exits):
            out.append(cs[0])
    return out


def unexported(name):
    if name == 'do_exit':
        return 'modules cannot call do_exit() since 5.17'
    if name == 'kthread_exit':
        return 'kthread_exit() is not exported to modules'
    return '%s() does not exist since 5.17' % name \
        if name == 'module_put_and_exit' else ''


def message(f, e):
    kind, why = e['verdict']
    call = '%s(%s)' % (e['name'], e['arg'])
    if kind == 'rewrite' and e['name'] in PLAIN_EXITS:
        return 'WARNING: thread function %s() exits with %s, but %s: ' \
            'return %s instead' % (e['func'], call, unexported(e['name']),
                                   e['arg'])
    if kind == 'rewrite':
        c = f.creations[e['func']][0]
        exiting = reachable(f, f.module_exit)
        stopper = sorted({func for k, func in f.stops
                          if k == task_key(c['target']) and
                          func in exiting})[0]
        return 'WARNING: thread function %s() exits with %s, but the ' \
            'module exit path stops it with kthread_stop() in %s(): the ' \
            'module reference taken for it in %s() is not needed; ' \
            'return %s instead' % (e['func'], call, stopper, c['func'],
                                   e['arg'])
    if why == 'void':
        return 'WARNING: %s in void function %s() not rewritten: a void ' \
            'helper cannot return the exit code of the thread%s' \
            % (call, e['func'], tail(e['name']))
    if why == 'mid':
        return 'WARNING: %s in the middle of thread function %s() not ' \
            'rewritten: %s%s' % (call, e['func'], why_not(f, e),
                                 tail(e['name']))
    return 'WARNING: %s in thread function %s() not rewritten: %s' \
        % (call, e['func'], why)


def tail(name):
    text = unexported(name)
    return '; ' + text if text else ''


def findings(f):
    decide(f)
    return [(e['pos'], message(f, e)) for e in f.exits
            if e['verdict'][0] in ('rewrite', 'report')]


def refusals(f):
    decide(f)
    out = []
    for e in f.exits:
        kind, why = e['verdict']
        if kind == 'skip':
            out.append((e['pos'], 'WARNING: %s(%s) in %s() not rewritten: '
                        '%s' % (e['name'], e['arg'], e['func'], why)))
        elif kind == 'report':
            out.append((e['pos'], message(f, e)))
    return out


def is_finding(p):
    f = current[0]
    if f is None:
        return False
    decide(f)
    e = exit_at(p)
    return e is not None and e['verdict'][0] in ('rewrite', 'report')


def first_time(*what):
    seen = facts().__dict__.setdefault('handed', set())
    if what in seen:
        return False
    seen.add(what)
    return True

// ---------------------------------------------------------------------
// Facts: the exit calls, the threads, their module references and stops.

// Spelled out, not an identifier set, so that spatch derives a grep
// query from these names and only parses the files that use them.
@kthread_calls@
@@

(
do_exit(...)
|
kthread_exit(...)
|
module_put_and_exit(...)
|
module_put_and_kthread_exit(...)
)

@exit_call depends on kthread_calls@
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E;
position p;
@@

ex@p(E)

@script:python@
ex << exit_call.ex;
e << exit_call.E;
p << exit_call.p;
@@

start_file(p)
note_exit(p, ex, e)

@creation depends on exit_call@
identifier fn;
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
position pc;
@@

creator@pc(fn, ...)

@script:python@
fn << creation.fn;
creator << creation.creator;
pc << creation.pc;
@@

note_creation(pc, fn, creator)

@creation_store depends on exit_call@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
@@

T = creator@pc(fn, ...)

@script:python@
t << creation_store.T;
pc << creation.pc;
@@

creation_at(pc)['target'] = toks(t)

@creation_get depends on exit_call@
identifier creation.fn, creation.creator;
position creation.pc;
position pg;
expression T;
statement S;
@@

(
__module_get@pg(THIS_MODULE);
|
if (!try_module_get@pg(THIS_MODULE)) S
)
T = creator@pc(fn, ...);

@script:python@
pc << creation.pc;
pg << creation_get.pg;
@@

creation_at(pc)['get'] = int(pg[0].line)

// The statement after a stored creation, where a failed start drops the
// module reference again.
@creation_check depends on exit_call@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
statement S;
position ps;
@@

T = creator@pc(fn, ...);
S@ps

@script:python@
pc << creation.pc;
ps << creation_check.ps;
s << creation_check.S;
t << creation_check.T;
@@

ts = toks(s)
if ts[:2] == ['if', '('] and toks(t)[-1] in ts[2:close_of(ts, 1)]:
    creation_at(pc)['check'] = (int(ps[0].line), int(ps[0].line_end))

@func_def depends on exit_call@
type RT;
identifier f;
position pf;
@@

RT f@pf(...) { ... }

@script:python@
f << func_def.f;
rt << func_def.RT;
pf << func_def.pf;
@@

facts().rets[f] = toks(rt)
facts().starts[f] = int(pf[0].line)

@func_body depends on exit_call@
identifier f : script:python() { is_exit_func(f) };
statement list SL;
@@

f(...) { SL }

@script:python@
f << func_body.f;
sl << func_body.SL;
@@

facts().bodies[f] = toks(sl)

@polls depends on exit_call@
identifier f : script:python() { is_exit_func(f) };
@@

f(...) { <+... kthread_should_stop() ...+> }

@script:python@
f << polls.f;
@@

facts().polls.add(f)

@modref depends on exit_call@
identifier mr = {__module_get, try_module_get, module_put};
position p;
@@

mr@p(THIS_MODULE)

@script:python@
mr << modref.mr;
p << modref.p;
@@

facts().modrefs.append((mr, element(p), int(p[0].line)))

@stops depends on exit_call@
expression X;
position p;
@@

kthread_stop@p(X)

@script:python@
x << stops.X;
p << stops.p;
@@

facts().stops.append((task_key(toks(x)), element(p)))

@modexit depends on exit_call@
declarer name module_exit;
identifier f;
@@

module_exit(f);

@script:python@
f << modexit.f;
@@

facts().module_exit = f

// Each call by its position and the function it is in: a nest over every
// function body is slow on large files, and spatch 1.1.1 gives up on some
// (kernel/seccomp.c: "reachable by inconsistent control-flow paths").
@calls depends on exit_call@
identifier g : script:python() { is_defined(g) };
position p;
@@

g@p(...)

@script:python@
g << calls.g;
p << calls.p;
@@

facts().calls.setdefault(p[0].current_element, set()).add(g)

// Where each exit call sits in its function.
@exit_mid depends on exit_call exists@
identifier f;
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E;
position p;
@@

f(...) {
  ... when any
  ex@p(E);
  ... when any
}

@script:python@
p << exit_mid.p;
@@

mark_exit(p, 'mid')

@exit_end depends on exit_call exists@
identifier f;
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E;
statement S;
position p;
@@

f(...) {
  ... when any
  ex@p(E);
  ... when != S
}

@script:python@
p << exit_end.p;
@@

mark_exit(p, 'end')

@exit_dead depends on exit_call exists@
identifier f;
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E, E2;
position p;
@@

f(...) {
  ... when any
  ex@p(E);
  return E2;
}

@script:python@
p << exit_dead.p;
@@

mark_exit(p, 'dead')

@exit_stop depends on exit_call exists@
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E;
position p;
@@

(
if (kthread_should_stop()) {
  ... when any
  ex@p(E);
}
|
if (kthread_should_stop())
  ex@p(E);
)

@script:python@
p << exit_stop.p;
@@

mark_exit(p, 'stop')

// ---------------------------------------------------------------------
// Decisions handed to the rewriting rules, by function name.

@script:python ok_thread@
p << exit_call.p;
FN;
@@

decide(facts())
e = exit_at(p)
ok = e is not None and e['verdict'] == ('rewrite', None) and \
    first_time('thread', e['func'])
coccinelle.FN = cocci.make_ident(e['func'] if ok else NO_NAME)

@script:python ok_module@
p << exit_call.p;
FN;
CF;
@@

e = exit_at(p)
found = [c for c in module_threads(facts()) if e and c['fn'] == e['func']]
if found and first_time('module', e['func']):
    coccinelle.FN = cocci.make_ident(found[0]['fn'])
    coccinelle.CF = cocci.make_ident(found[0]['func'])
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.CF = cocci.make_ident(NO_NAME)

// ---------------------------------------------------------------------
// Rewrites.

@rewrite_end depends on patch exists@
identifier ok_thread.FN;
identifier ex : script:python(FN) { exit_ok(FN, ex) };
expression E, E2;
statement S;
@@

FN(...) {
  ... when any
(
- ex(E);
- return E2;
+ return E;
|
- ex(E);
+ return E;
  ... when != S
)
}

@rewrite_stop depends on patch exists@
identifier ok_thread.FN;
identifier ex : script:python(FN) { exit_ok(FN, ex) };
expression E;
@@

FN(...) {
  ... when any
(
  if (kthread_should_stop()) {
    ... when any
-   ex(E);
+   return E;
  }
|
  if (kthread_should_stop())
-   ex(E);
+   return E;
)
  ... when any
}

// The module reference taken for the thread, and its release when the
// thread fails to start.
@drop_get depends on patch@
identifier ok_module.FN, ok_module.CF;
identifier creator;
expression T;
statement S;
@@

CF(...) {
  <...
(
- __module_get(THIS_MODULE);
  T = creator(FN, ...);
|
- if (!try_module_get(THIS_MODULE)) S
  T = creator(FN, ...);
)
  ...>
}

@drop_put depends on patch@
identifier ok_module.FN, ok_module.CF;
identifier creator;
expression T, C;
statement S;
@@

CF(...) {
  <...
  T = creator(FN, ...);
(
- if (C) { module_put(THIS_MODULE); S }
+ if (C) S
|
  if (C) {
  ... when any
- module_put(THIS_MODULE);
  ... when any
  }
)
  ...>
}

// ---------------------------------------------------------------------
// Findings.

@depends on context@
identifier ex = {do_exit, kthread_exit, module_put_and_exit,
                 module_put_and_kthread_exit};
expression E;
position p : script:python() { is_finding(p) };
@@

* ex@p(E)

@script:python depends on report && exit_call@
@@

for pos, msg in findings(current[0]):
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && exit_call@
@@

for pos, msg in findings(current[0]):
    coccilib.org.print_todo(pos[0], msg)

@script:python depends on patch && explain && exit_call@
@@

for pos, msg in refusals(current[0]):
    coccilib.report.print_report(pos[0], msg)

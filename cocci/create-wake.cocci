// SPDX-License-Identifier: GPL-2.0-only
/// Use kthread_run() for kthread_create() followed at once by wake_up_process()
///
/// kthread_run() is kthread_create() followed by wake_up_process() when the
/// start worked. A kthread_create() whose result is woken right away, or
/// right after its check, is a kthread_run() spelled out; with
/// kthread_create_on_cpu() it is kthread_run_on_cpu() (from 5.17). A
/// thread that needs something done while it is still asleep stays as it
/// is: kthread_bind(), a scheduling policy or priority, a CPU mask, or a
/// value the thread reads stored before the wake-up. So does a thread that
/// reads the variable its task pointer is stored in, which kthread_run()
/// would assign only once the thread is already running.
///
//# kthread_create_on_node() has no run variant and is left alone. A wake-up
//# separated from the start by other code is left alone; it is reported
//# when that code is one of the calls or stores named above. Only the
//# thread function's own body is searched for reads of the task pointer,
//# and a thread function defined in another file is left alone.
//
// Confidence: High
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The script rules decide per start; the rewrites find the start
//  again by function, thread function and task pointer.
// Options: --no-includes --include-headers
// Keywords: kthread_create, kthread_run, wake_up_process, kthread_bind

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *

RUN = {'kthread_create': 'kthread_run',
       'kthread_create_on_cpu': 'kthread_run_on_cpu'}
# kthread_run_on_cpu() appeared in 5.17; the rest of the API is older
# than anything this rule could meet.
RUN_SINCE = {'kthread_run_on_cpu': (5, 17)}
# Calls on the new task that need it not to run yet.
ASLEEP = re.compile(r'^(kthread_bind(_mask)?|sched_setscheduler(_nocheck)?|'
                    r'sched_setattr(_nocheck)?|sched_set_fifo(_low)?|'
                    r'sched_set_normal|set_user_nice|set_cpus_allowed_ptr|'
                    r'kthread_set_per_cpu)$')
target = [(6, 1)]


def set_target(k):
    parts = str(k).split('.')
    try:
        target[0] = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)
    except ValueError:
        pass


class Facts:
    def __init__(self):
        self.creations = []
        self.bodies = {}       # function -> body tokens
        self.calls = []        # (name, first argument tokens, function, line)
        self.stores = []       # (lvalue tokens, function, line)
        self.locals = set()    # ('local', function, name)
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


def note_creation(pc, fn, creator, args):
    f = facts()
    if any(c['at'] == at(pc) for c in f.creations):
        return
    f.creations.append({'fn': fn, 'creator': creator, 'at': at(pc),
                        'pos': pc, 'func': element(pc), 'target': None,
                        'decl': False, 'data': [],
                        'next': None, 'next2': None, 'wake': None})
    ts = toks(args)
    if ts:
        f.creations[-1]['data'] = split_top(ts, ',')[0]


def creation_at(pc):
    for c in facts().creations:
        if c['at'] == at(pc):
            return c
    return None


def is_creation_func(name):
    f = current[0]
    return f is not None and any(name in (c['func'], c['fn'])
                                 for c in f.creations)


def is_thread_call(name):
    return ASLEEP.match(name) is not None


def wake_of(t):
    return ['wake_up_process', '('] + t + [')', ';']


def checks(cond, t):
    """Does cond test the task pointer t for a failed start (whether
    rightly with IS_ERR() or wrongly against NULL)?"""
    c = strip_parens(cond)
    call = as_call(c)
    if call and call[0] == 'unlikely' and len(call[1]) == 1:
        c = strip_parens(call[1][0])
        call = as_call(c)
    if call and call[0] in ('IS_ERR', 'IS_ERR_OR_NULL') and \
            len(call[1]) == 1 and strip_parens(call[1][0]) == t:
        return True
    return c in (['!'] + t, t + ['==', 'NULL'], ['NULL', '=='] + t,
                 t + ['==', '0'])


def if_parts(ts):
    """(condition, then, else) tokens of an if statement, or None."""
    if ts[:2] != ['if', '(']:
        return None
    c = close_of(ts, 1)
    then_end = stmt_end(ts, c + 1)
    other = ts[then_end + 1:] if ts[then_end:then_end + 1] == ['else'] \
        else None
    return ts[2:c], ts[c + 1:then_end], other


def shape(c):
    """How the wake-up follows the start: 'direct', 'check' (after the
    test of the start), 'fold' ("if (!IS_ERR(t)) wake_up_process(t);")
    or None."""
    t = c['target']
    if c['next'] == wake_of(t):
        return 'direct'
    parts = if_parts(c['next'] or [])
    if parts is None:
        return None
    cond, then, other = parts
    if other is None and checks(cond, t) and c['next2'] == wake_of(t):
        return 'check'
    neg = strip_parens(cond)
    if other is None and neg[:1] == ['!'] and checks(neg[1:], t) and \
            neg[1:2] == ['IS_ERR'] and then == wake_of(t):
        return 'fold'
    return None


def reads(body, t):
    """Does a thread body read the storage of task pointer t?"""
    parts = split_lvalue(t)
    if parts is None:
        return False
    base, sep, path = parts
    if not base:
        return t[0] in body
    last = path.split('.')[-1]
    return any(body[i] in ('->', '.') and body[i + 1] == last
               for i in range(len(body) - 1))


def is_local(f, c):
    """Is the task pointer a local of the function that starts it?"""
    return c['decl'] or (len(c['target']) == 1 and
                         ('local', c['func'], c['target'][0]) in f.locals)


def blocker(f, c, first, last):
    """Why the code between lines first and last of the starting function
    needs the thread asleep, or None."""
    t = c['target']
    body = f.bodies.get(c['fn'], [])
    for name, arg, func, line in f.calls:
        if func == c['func'] and first < line < last and \
                strip_parens(arg) == t:
            return '%s() must come before the thread wakes' % name
    for lv, func, line in f.stores:
        if func == c['func'] and first < line < last and \
                reads(body, lv):
            return '%s() reads %s, which is set before the wake-up' \
                % (c['fn'], text(lv))
    return None


def decide(f):
    """Verdict of every start: ('rewrite', None), ('report', why) or
    ('skip', why)."""
    if f.decision is not None:
        return f.decision
    for c in f.creations:
        t = c['target']
        run = RUN.get(c['creator'])
        how = shape(c) if t else None
        if not t:
            c['verdict'] = ('skip', 'the task pointer is not kept')
        elif run is None:
            c['verdict'] = ('skip', '%s() has no run variant'
                            % c['creator'])
        elif how is None:
            if c['wake'] is None:
                c['verdict'] = ('skip', 'no wake_up_process(%s) follows'
                                % text(t))
            else:
                why = blocker(f, c, c['at'][0], c['wake'])
                c['verdict'] = ('report', why) if why else \
                    ('skip', 'other code comes between the start and '
                     'wake_up_process(%s)' % text(t))
        elif c['fn'] not in f.bodies:
            c['verdict'] = ('skip', '%s() is not defined in this file, so '
                            'whether it reads %s cannot be checked'
                            % (c['fn'], text(t)))
        elif target[0] < RUN_SINCE.get(run, (0, 0)):
            c['verdict'] = ('skip', '%s() only exists from %d.%d'
                            % ((run,) + RUN_SINCE[run]))
        elif not c['decl'] and reads(f.bodies.get(c['fn'], []), t) and \
                not is_local(f, c):
            c['verdict'] = ('report', '%s() reads %s, which %s() would '
                            'only set once the thread is running'
                            % (c['fn'], text(t), run))
        elif strip_parens(c['data']) == ['&'] + t:
            c['verdict'] = ('report', 'the thread gets %s as its data, '
                            'which %s() would only set once the thread '
                            'is running' % (text(c['data']), run))
        else:
            c['verdict'] = ('rewrite', how)
    f.decision = True
    return True


def message(c):
    kind, why = c['verdict']
    run = RUN.get(c['creator'], 'kthread_run')
    if kind == 'rewrite':
        when = 'right after its check' if why == 'check' else 'at once'
        return 'WARNING: %s() is followed %s by wake_up_process(%s): ' \
            'use %s()' % (c['creator'], when, text(c['target']), run)
    return 'WARNING: %s() and wake_up_process(%s) not merged into %s(): ' \
        '%s' % (c['creator'], text(c['target']), run, why)


def findings(f):
    decide(f)
    return [(c['pos'], message(c)) for c in f.creations
            if c['verdict'][0] in ('rewrite', 'report')]


def refusals(f):
    decide(f)
    out = []
    for c in f.creations:
        kind, why = c['verdict']
        if kind == 'report':
            out.append((c['pos'], message(c)))
        elif kind == 'skip':
            out.append((c['pos'], 'WARNING: %s() left alone: %s'
                        % (c['creator'], why)))
    return out


def is_finding(p):
    f = current[0]
    if f is None:
        return False
    decide(f)
    return any(c['at'] == at(p) and c['verdict'][0] in ('rewrite', 'report')
               for c in f.creations)


def approved(pc, how):
    f = facts()
    decide(f)
    c = creation_at(pc)
    if c is None or c['verdict'] != ('rewrite', how):
        return None
    seen = f.__dict__.setdefault('handed', set())
    key = (c['func'], c['fn'], text(c['target']), how)
    if key in seen:
        return None
    seen.add(key)
    return c


def checks_task(cond, t):
    return checks(toks(cond), strip_parens(toks(t)))

// ---------------------------------------------------------------------
// Facts: the starts, what follows them, what the threads read.

// Spelled out, not an identifier set, so that spatch derives a grep
// query from these names and only parses the files that use them.
@kthread_calls@
@@

(
kthread_create(...)
|
kthread_create_on_cpu(...)
|
kthread_create_on_node(...)
)

@script:python depends on kthread_calls@
k << virtual.kernel;
@@

set_target(k)

@creation depends on kthread_calls@
identifier fn;
identifier creator = {kthread_create, kthread_create_on_cpu,
                      kthread_create_on_node};
expression list args;
position pc;
@@

creator@pc(fn, args)

@script:python@
fn << creation.fn;
creator << creation.creator;
args << creation.args;
pc << creation.pc;
@@

start_file(pc)
note_creation(pc, fn, creator, args)

@store depends on creation@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
@@

T = creator@pc(fn, ...);

@script:python@
pc << creation.pc;
t << store.T;
@@

creation_at(pc)['target'] = strip_parens(toks(t))

@store_decl depends on creation@
identifier creation.fn, creation.creator;
position creation.pc;
type TY;
identifier I;
@@

TY I = creator@pc(fn, ...);

@script:python@
pc << creation.pc;
i << store_decl.I;
@@

creation_at(pc)['target'] = [i]
creation_at(pc)['decl'] = True

@locals depends on creation@
type TY;
identifier I;
expression E;
position p;
@@

(
TY I@p;
|
TY I@p = E;
)

@script:python@
i << locals.I;
p << locals.p;
@@

if element(p) not in (None, i):
    facts().locals.add(('local', element(p), i))

@next1 depends on creation@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
type TY;
identifier I;
statement S1;
@@

(
T = creator@pc(fn, ...);
|
TY I = creator@pc(fn, ...);
)
S1

@script:python@
pc << creation.pc;
s1 << next1.S1;
@@

creation_at(pc)['next'] = toks(s1)

@next2 depends on creation@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
type TY;
identifier I;
statement S1, S2;
@@

(
T = creator@pc(fn, ...);
|
TY I = creator@pc(fn, ...);
)
S1
S2

@script:python@
pc << creation.pc;
s2 << next2.S2;
@@

creation_at(pc)['next2'] = toks(s2)

@wake depends on creation exists@
identifier creation.fn, creation.creator;
position creation.pc;
expression T, E;
type TY;
identifier I;
position pw;
@@

(
T = creator@pc(fn, ...);
... when != T = E
wake_up_process@pw(T);
|
TY I = creator@pc(fn, ...);
... when != I = E
wake_up_process@pw(I);
)

@script:python@
pc << creation.pc;
pw << wake.pw;
@@

c = creation_at(pc)
if c['wake'] is None or int(pw[0].line) < c['wake']:
    c['wake'] = int(pw[0].line)

@bodies depends on creation@
identifier f : script:python() { is_creation_func(f) };
statement list SL;
@@

f(...) { SL }

@script:python@
f << bodies.f;
sl << bodies.SL;
@@

facts().bodies[f] = toks(sl)

@asleep_calls depends on creation@
identifier g : script:python() { is_thread_call(g) };
expression X;
position p;
@@

g@p(X, ...)

@script:python@
g << asleep_calls.g;
x << asleep_calls.X;
p << asleep_calls.p;
@@

facts().calls.append((g, toks(x), element(p), int(p[0].line)))

@stores depends on creation@
expression X, E;
position p;
@@

X@p = E

@script:python@
x << stores.X;
p << stores.p;
@@

facts().stores.append((strip_parens(toks(x)), element(p), int(p[0].line)))

// ---------------------------------------------------------------------
// Decisions handed to the rewriting rules: the starting function, the
// thread function and the task pointer (T, or I when declared there).

@script:python ok_direct@
pc << creation.pc;
FUNC;
FN;
T;
I;
@@

c = approved(pc, 'direct')
coccinelle.FUNC = cocci.make_ident(c['func'] if c else NO_NAME)
coccinelle.FN = cocci.make_ident(c['fn'] if c else NO_NAME)
coccinelle.T = cocci.make_expr(text(c['target'])
                               if c and not c['decl'] else NO_EXPR)
coccinelle.I = cocci.make_ident(c['target'][0]
                                if c and c['decl'] else NO_NAME)

@script:python ok_check@
pc << creation.pc;
FUNC;
FN;
T;
I;
@@

c = approved(pc, 'check')
coccinelle.FUNC = cocci.make_ident(c['func'] if c else NO_NAME)
coccinelle.FN = cocci.make_ident(c['fn'] if c else NO_NAME)
coccinelle.T = cocci.make_expr(text(c['target'])
                               if c and not c['decl'] else NO_EXPR)
coccinelle.I = cocci.make_ident(c['target'][0]
                                if c and c['decl'] else NO_NAME)

@script:python ok_fold@
pc << creation.pc;
FUNC;
FN;
T;
I;
@@

c = approved(pc, 'fold')
coccinelle.FUNC = cocci.make_ident(c['func'] if c else NO_NAME)
coccinelle.FN = cocci.make_ident(c['fn'] if c else NO_NAME)
coccinelle.T = cocci.make_expr(text(c['target'])
                               if c and not c['decl'] else NO_EXPR)
coccinelle.I = cocci.make_ident(c['target'][0]
                                if c and c['decl'] else NO_NAME)

// ---------------------------------------------------------------------
// Rewrites.

@run_direct depends on patch@
identifier ok_direct.FUNC, ok_direct.FN, ok_direct.I;
expression ok_direct.T;
type TY;
@@

FUNC(...) {
  <...
(
  T =
- kthread_create
+ kthread_run
  (FN, ...);
- wake_up_process(T);
|
  T =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
- wake_up_process(T);
|
  TY I =
- kthread_create
+ kthread_run
  (FN, ...);
- wake_up_process(I);
|
  TY I =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
- wake_up_process(I);
)
  ...>
}

@run_check depends on patch
  disable neg_if, ne_if, drop_else@
identifier ok_check.FUNC, ok_check.FN, ok_check.I;
expression ok_check.T;
expression C : script:python(T) { checks_task(C, T) };
expression C2 : script:python(I) { checks_task(C2, I) };
statement S;
type TY;
@@

FUNC(...) {
  <...
(
  T =
- kthread_create
+ kthread_run
  (FN, ...);
  if (C) S
- wake_up_process(T);
|
  T =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
  if (C) S
- wake_up_process(T);
|
  TY I =
- kthread_create
+ kthread_run
  (FN, ...);
  if (C2) S
- wake_up_process(I);
|
  TY I =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
  if (C2) S
- wake_up_process(I);
)
  ...>
}

@run_fold depends on patch
  disable neg_if, ne_if, drop_else@
identifier ok_fold.FUNC, ok_fold.FN, ok_fold.I;
expression ok_fold.T;
type TY;
@@

FUNC(...) {
  <...
(
  T =
- kthread_create
+ kthread_run
  (FN, ...);
- if (!IS_ERR(T))
-   wake_up_process(T);
|
  T =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
- if (!IS_ERR(T))
-   wake_up_process(T);
|
  TY I =
- kthread_create
+ kthread_run
  (FN, ...);
- if (!IS_ERR(I))
-   wake_up_process(I);
|
  TY I =
- kthread_create_on_cpu
+ kthread_run_on_cpu
  (FN, ...);
- if (!IS_ERR(I))
-   wake_up_process(I);
)
  ...>
}

// ---------------------------------------------------------------------
// Findings.

@depends on context@
identifier creator = {kthread_create, kthread_create_on_cpu,
                      kthread_create_on_node};
position p : script:python() { is_finding(p) };
@@

* creator@p(...)

@script:python depends on report && creation@
@@

for pos, msg in findings(current[0]):
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && creation@
@@

for pos, msg in findings(current[0]):
    coccilib.org.print_todo(pos[0], msg)

@script:python depends on patch && explain && creation@
@@

for pos, msg in refusals(current[0]):
    coccilib.report.print_report(pos[0], msg)

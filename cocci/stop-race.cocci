// SPDX-License-Identifier: GPL-2.0-only
/// Make a thread that can return early wait for its kthread_stop()
///
/// kthread_stop() needs the task of the thread it stops: it sets the stop
/// bit, wakes the thread and waits for it to exit. A thread function that
/// can return before kthread_should_stop() is true (an error return or a
/// break out of its loop, an extra exit condition, finite work, a one-shot
/// thread) is gone by then, and its task may be freed: kthread_stop()
/// touches freed memory. Unless the task is pinned with get_task_struct(),
/// the thread must not return before it is stopped. Before each return it
/// can reach early, the thread now waits for the stop request: it sets
/// its state, tests kthread_should_stop(), sleeps, and then returns what it
/// returned before. Cleanup before the return still runs first.
///
//# Threads are tied to kthread_stop() calls through the variable or the
//# member that holds the task (any base: dev->task and d->task), in one
//# file; where that member holds threads of several functions, those
//# started into the very same expression are preferred. A helper of the
//# file counts as a wait for the stop request when it only returns once
//# kthread_should_stop() is true, or returns true only then (as
//# napi_thread_wait() does); a helper of another file only by its name
//# (wait..._stop, as wait_for_kthread_stop() of bcache). Conditions are
//# followed, values are not: a break whose condition is only true when
//# the stop was requested, for a reason the code does not spell out, is
//# still reported (workload_thread() of i915 gvt), as is a thread stopped
//# with kthread_park() first. The patch is only made where it provably
//# changes nothing but the timing: it is left out, and the finding only
//# reported, for a freezable or signal-taking thread, a thread that ends
//# with do_exit() or runs off its end, a return value that could change
//# while the thread waits, a start of the thread that is never stopped or
//# stopped only on some paths (an unwind path, a condition other than the
//# task pointer itself), a kthread_stop() that depends on a value the
//# thread changes, and a task pointer shared by threads of several
//# functions: in each, a parked thread could wait forever or the result
//# could change. Run with -D explain to see why a finding was left alone.
//
// Confidence: Moderate
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The patch parks the thread rather than taking a task
//  reference: it works on every kernel, touches only the thread, and
//  needs no kthread_run() split into kthread_create(), get_task_struct(),
//  wake_up_process() to close the window before the reference is taken.
// Options: --no-includes --include-headers
// Keywords: kthread_stop, kthread_should_stop, get_task_struct

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import re
# ---------------------------------------------------------------------
# Reading the C file itself. The analysis needs the line of every token
# (findings name the lines of early exits and of state changes), which
# the text handed to script rules does not carry, so it reads the source
# file spatch is working on: comments and preprocessor lines blanked out,
# every token with its line and column (counted like spatch: 0-based
# characters, a tab is one).
import sys

sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

_QUOTE = chr(39)
_TOKEN = re.compile('|'.join([
    r'"(?:[^"\\\n]|\\.)*"',
    _QUOTE + r'(?:[^\\\n]|\\.)*?' + _QUOTE,
    r'[A-Za-z_]\w*', r'\d[\w.]*',
    r'->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=',
    r'\S']))
_BLANKS = re.compile('|'.join([
    r'"(?:[^"\\\n]|\\.)*"',
    _QUOTE + r'(?:[^\\\n]|\\.)*?' + _QUOTE,
    r'/\*.*?\*/', r'//[^\n]*']), re.S)
_OPEN = {'(': ')', '[': ']', '{': '}'}
_CLOSE = {')', ']', '}'}
_KEYWORDS = {'if', 'else', 'while', 'for', 'do', 'switch', 'case',
             'default', 'return', 'break', 'continue', 'goto', 'sizeof',
             'struct', 'union', 'enum', 'typeof', '__typeof__'}


def _blank(m):
    s = m.group(0)
    if s[:1] in ('"', _QUOTE):
        return s
    return re.sub(r'[^\n]', ' ', s)


def _no_cpp(text):
    out, cont = [], False
    for line in text.split('\n'):
        if cont or line.lstrip().startswith('#'):
            cont = line.endswith(chr(92))
            out.append(' ' * len(line))
        else:
            out.append(line)
    return '\n'.join(out)


class Source:
    """Tokens of one C file with their positions, and its functions."""

    def __init__(self, path):
        with open(path, errors='replace') as f:
            text = _no_cpp(_BLANKS.sub(_blank, f.read()))
        starts = [0] + [m.end() for m in re.finditer('\n', text)]
        self.ts, self.pos = [], []
        line = 0
        for m in _TOKEN.finditer(text):
            while line + 1 < len(starts) and starts[line + 1] <= m.start():
                line += 1
            self.ts.append(m.group(0))
            self.pos.append((line + 1, m.start() - starts[line]))
        self.funcs = {}
        self._find_functions()

    def _find_functions(self):
        """name -> {'name', 'params': (i, j), 'body': ('{' index, '}'
        index), 'type': tokens before the name}, for every function
        definition at file scope."""
        ts, depth, last = self.ts, 0, -1
        i = 0
        while i < len(ts):
            t = ts[i]
            if t == '{' and depth == 0 and i and ts[i - 1] == ')':
                o = open_of(ts, i - 1)
                if o > 0 and is_ident(ts[o - 1]) and \
                        ts[o - 1] not in _KEYWORDS:
                    c = close_of(ts, i)
                    if c < 0:
                        return
                    self.funcs[ts[o - 1]] = {
                        'name': ts[o - 1], 'params': (o + 1, i - 1),
                        'body': (i, c), 'type': ts[last + 1:o - 1]}
                    i, last = c + 1, c
                    continue
            if t in ('{', '(', '['):
                depth += 1
            elif t in _CLOSE:
                depth -= 1
            elif t == ';' and depth == 0:
                last = i
            i += 1

    def line(self, i):
        return self.pos[i][0]


def is_ident(t):
    return re.match(r'[A-Za-z_]\w*$', t) is not None


def close_of(ts, i):
    """Index of the bracket that closes ts[i], or -1."""
    depth = 0
    for j in range(i, len(ts)):
        if ts[j] in _OPEN:
            depth += 1
        elif ts[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return -1


def open_of(ts, i):
    """Index of the bracket that opens the one closed at ts[i], or -1."""
    depth = 0
    for j in range(i, -1, -1):
        if ts[j] in _CLOSE:
            depth += 1
        elif ts[j] in _OPEN:
            depth -= 1
            if depth == 0:
                return j
    return -1


def strip_parens(ts):
    while len(ts) >= 2 and ts[0] == '(' and close_of(ts, 0) == len(ts) - 1:
        ts = ts[1:-1]
    return ts


def split_top(ts, sep):
    """Split ts at the occurrences of sep outside any bracket."""
    parts, cur, depth = [], [], 0
    for t in ts:
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth -= 1
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def as_call(ts):
    """(name, [arg tokens]) when ts is exactly one call, else None."""
    ts = strip_parens(ts)
    if len(ts) < 3 or not is_ident(ts[0]) or ts[1] != '(':
        return None
    if close_of(ts, 1) != len(ts) - 1:
        return None
    inner = ts[2:-1]
    return ts[0], (split_top(inner, ',') if inner else [])


def call_sites(ts, i, j):
    """(index, name, [arg tokens]) of every call in ts[i:j], in order."""
    for k in range(i, j - 1):
        if is_ident(ts[k]) and ts[k + 1] == '(' and \
                ts[k] not in _KEYWORDS:
            c = close_of(ts, k + 1)
            if c > 0:
                inner = ts[k + 2:c]
                yield k, ts[k], split_top(inner, ',') if inner else []


def unwrap(ts):
    """ts without parentheses and likely()/unlikely() around it."""
    ts = strip_parens(ts)
    call = as_call(ts)
    while call and call[0] in ('likely', 'unlikely') and len(call[1]) == 1:
        ts = strip_parens(call[1][0])
        call = as_call(ts)
    return ts


# ---------------------------------------------------------------------
# Statements, by token index into the whole file.

def _label_len(ts, i):
    """Length of a label prefix ('out:', 'case X:', 'default:') at i."""
    if i + 1 >= len(ts):
        return 0
    if ts[i] == 'default' and ts[i + 1] == ':':
        return 2
    if ts[i] == 'case':
        j, depth = i, 0
        while j < len(ts):
            if ts[j] in _OPEN:
                depth += 1
            elif ts[j] in _CLOSE:
                depth -= 1
            elif ts[j] == ':' and depth == 0:
                break
            j += 1
        return j - i + 1
    if is_ident(ts[i]) and ts[i + 1] == ':' and ts[i] not in _KEYWORDS:
        return 2
    return 0


def is_iterator(ts, i):
    """A loop macro: NAME(...) followed by a statement, not by ';'."""
    if not is_ident(ts[i]) or ts[i] in _KEYWORDS or \
            ts[i + 1:i + 2] != ['(']:
        return False
    c = close_of(ts, i + 1)
    return c > 0 and ts[c + 1:c + 2] == ['{'] and \
        re.search(r'for_each|_foreach', ts[i]) is not None


def stmt_end(ts, i):
    """Index just past the statement that starts at ts[i]."""
    t = ts[i]
    if t == '{':
        return close_of(ts, i) + 1
    n = _label_len(ts, i)
    if n:
        return stmt_end(ts, i + n) if i + n < len(ts) else i + n
    if t == 'if':
        j = stmt_end(ts, close_of(ts, i + 1) + 1)
        if j < len(ts) and ts[j] == 'else':
            j = stmt_end(ts, j + 1)
        return j
    if t in ('while', 'for', 'switch') or is_iterator(ts, i):
        return stmt_end(ts, close_of(ts, i + 1) + 1)
    if t == 'do':
        j = stmt_end(ts, i + 1)
        return close_of(ts, j + 1) + 2
    depth = 0
    for j in range(i, len(ts)):
        if ts[j] in _OPEN:
            depth += 1
        elif ts[j] in _CLOSE:
            depth -= 1
            if depth < 0:
                return j
        elif ts[j] == ';' and depth == 0:
            return j + 1
    return len(ts)


def statements(ts, i, j):
    """(start, end) of each statement in ts[i:j]."""
    out = []
    while i < j:
        e = stmt_end(ts, i)
        if e <= i:
            break
        out.append((i, min(e, j)))
        i = e
    return out


def loop_parts(ts, s):
    """(kind, (cond start, cond end), (body start, body end), init) of
    the loop statement at s; kind is while, for, do or iter (a macro like
    list_for_each_entry(), or a for whose header this does not read)."""
    t = ts[s]
    if t in ('while', 'for'):
        c = close_of(ts, s + 1)
        body = (c + 1, stmt_end(ts, c + 1))
        if t == 'while':
            return t, (s + 2, c), body, None
        semis, depth = [], 0
        for k in range(s + 2, c):
            if ts[k] in _OPEN:
                depth += 1
            elif ts[k] in _CLOSE:
                depth -= 1
            elif ts[k] == ';' and depth == 0:
                semis.append(k)
        if len(semis) != 2:
            return 'iter', (s + 2, c), body, None
        return t, (semis[0] + 1, semis[1]), body, (s + 2, semis[0])
    if t == 'do':
        b = stmt_end(ts, s + 1)
        return 'do', (b + 2, close_of(ts, b + 1)), (s + 1, b), None
    c = close_of(ts, s + 1)
    return 'iter', (s + 2, c), (c + 1, stmt_end(ts, c + 1)), None


def is_loop(ts, s):
    return ts[s] in ('while', 'for', 'do') or is_iterator(ts, s)


def walk(ts, i, j):
    """(start, end) of every statement in ts[i:j], nested ones included,
    labels skipped."""
    for s, e in statements(ts, i, j):
        n = _label_len(ts, s)
        while n and s + n < e:
            s += n
            n = _label_len(ts, s)
        yield s, e
        t = ts[s]
        if t == '{':
            yield from walk(ts, s + 1, e - 1)
        elif t == 'if':
            c = close_of(ts, s + 1)
            then_end = stmt_end(ts, c + 1)
            yield from walk(ts, c + 1, then_end)
            if then_end < e and ts[then_end] == 'else':
                yield from walk(ts, then_end + 1, e)
        elif t == 'switch':
            yield from walk(ts, close_of(ts, s + 1) + 1, e)
        elif is_loop(ts, s):
            b0, b1 = loop_parts(ts, s)[2]
            yield from walk(ts, b0, b1)


# ---------------------------------------------------------------------
# Forward data flow over the statements of one function. A subclass
# gives the facts (join, and what statements, conditions and exits do
# to them); None stands for "not reachable". Loops and backward gotos
# are iterated until nothing changes.

class Flow:
    LIMIT = 8

    def __init__(self, src):
        self.src = src
        self.ts = src.ts
        self.labels = {}

    def join(self, a, b):
        raise NotImplementedError

    def joinall(self, states):
        out = None
        for s in states:
            out = self.join(out, s)
        return out

    def run(self, func, entry):
        """Flow through the body of func; the state at its end."""
        b0, b1 = func['body']
        self.func = func
        end = None
        for _ in range(self.LIMIT):
            before = dict(self.labels)
            ctx = {'brk': None, 'cont': None, 'loop': None, 'sw': None,
                   'depth': 0}
            end = self.block(b0 + 1, b1, entry, ctx)
            if self.labels == before:
                break
        return end

    def block(self, i, j, st, ctx):
        for s, e in statements(self.ts, i, j):
            st = self.stmt(s, e, st, ctx)
        return st

    def stmt(self, s, e, st, ctx):
        ts = self.ts
        n = _label_len(ts, s)
        while n:
            if ts[s] in ('case', 'default'):
                if ctx['sw'] is not None:
                    st = self.join(st, ctx['sw']['entry'])
                    ctx['sw']['default'] |= ts[s] == 'default'
            else:
                st = self.join(st, self.labels.get(ts[s]))
            s += n
            if s >= e:
                return st
            n = _label_len(ts, s)
        t = ts[s]
        if t == '{':
            return self.block(s + 1, e - 1, st, ctx)
        if t == ';':
            return st
        if t == 'if':
            c = close_of(ts, s + 1)
            th, el = self.cond(s + 2, c, st)
            then_end = stmt_end(ts, c + 1)
            a = self.stmt(c + 1, then_end, th, ctx)
            if then_end < e and ts[then_end] == 'else':
                el = self.stmt(then_end + 1, e, el, ctx)
            return self.join(a, el)
        if t == 'switch':
            c = close_of(ts, s + 1)
            st = self.expr(s + 2, c, st)
            sub = dict(ctx, brk=[], sw={'entry': st, 'default': False})
            out = self.stmt(c + 1, e, None, sub)
            out = self.join(out, self.joinall(sub['brk']))
            if not sub['sw']['default']:
                out = self.join(out, st)
            return out
        if is_loop(ts, s):
            return self.loop(s, e, st, ctx)
        if t == 'return':
            self.on_return(s, e, self.expr(s + 1, e - 1, st))
            return None
        if t == 'break':
            if ctx['brk'] is not None:
                ctx['brk'].append(self.on_break(s, st, ctx))
            return None
        if t == 'continue':
            if ctx['cont'] is not None:
                ctx['cont'].append(st)
            return None
        if t == 'goto':
            lab = ts[s + 1]
            self.labels[lab] = self.join(self.labels.get(lab),
                                         self.on_goto(s, st, ctx))
            return None
        return self.simple(s, e, st)

    def loop(self, s, e, st, ctx):
        ts = self.ts
        kind, (c0, c1), (b0, b1), init = loop_parts(ts, s)
        if init:
            st = self.expr(init[0], init[1], st)
        sub = dict(ctx, loop=(s, kind, c0, c1, b0, b1), sw=None,
                   depth=ctx['depth'] + 1)
        back, exit_st = None, None
        for _ in range(self.LIMIT):
            sub['brk'], sub['cont'] = [], []
            if kind == 'do':
                body_in = self.join(st, back)
            elif kind == 'iter':
                body_in = self.join(st, back)
            else:
                body_in, _ = self.loop_cond(s, c0, c1, self.join(st, back),
                                            ctx)
            out = self.stmt(b0, b1, body_in, sub)
            new_back = self.join(out, self.joinall(sub['cont']))
            if kind == 'do':
                new_back, exit_st = self.loop_cond(s, c0, c1, new_back, ctx)
            if new_back == back:
                break
            back = new_back
        if kind == 'iter':
            exit_st = self.join(st, back)
        elif kind != 'do':
            _, exit_st = self.loop_cond(s, c0, c1, self.join(st, back), ctx)
        out = self.join(exit_st, self.joinall(sub['brk']))
        return self.on_loop_exit(s, out, ctx)

    # What a subclass may refine.
    def cond(self, c0, c1, st):
        st = self.expr(c0, c1, st)
        return st, st

    def loop_cond(self, s, c0, c1, st, ctx):
        return self.cond(c0, c1, st)

    def expr(self, i, j, st):
        return st

    def simple(self, s, e, st):
        return self.expr(s, e, st)

    def on_return(self, s, e, st):
        pass

    def on_break(self, s, st, ctx):
        return st

    def on_goto(self, s, st, ctx):
        return st

    def on_loop_exit(self, s, st, ctx):
        return st


# ---------------------------------------------------------------------
# Can the thread function return before it is asked to stop? The state
# at a point is None (not reachable) or (may, why): may is True when the
# thread can be there before kthread_should_stop() has been seen true,
# why is the set of early exits that brought it there: (kind, index).

STOPPED = (False, frozenset())
# A path that left no loop early yet: the exit it reaches is the reason.
NOWHY = ('none', -1)
FRESH = (True, frozenset([NOWHY]))
STOP_TESTS = {'kthread_should_stop', 'kthread_freezable_should_stop'}
# Helpers of other files that wait for the stop request (bcache has
# wait_for_kthread_stop()), recognised by name.
STOP_WAITER = re.compile(r'^wait\w*_stop$')
UNTIMED_WAITS = re.compile(r'^wait_event(_interruptible|_killable|'
                           r'_freezable|_idle)?(_exclusive)?$')
# Exits a thread can wait before: they only end the task. Before the
# others a parked thread would hold things up.
PARKABLE_EXITS = {'do_exit', 'kthread_exit'}
EXIT_WHY = {
    'complete_and_exit': 'and whoever waits for that completion would '
    'wait for a parked thread',
    'kthread_complete_and_exit': 'and whoever waits for that completion '
    'would wait for a parked thread',
    'module_put_and_exit': 'which holds a module reference until then: '
    'the module could not be unloaded to stop it',
    'module_put_and_kthread_exit': 'which holds a module reference until '
    'then: the module could not be unloaded to stop it'}
EXIT_CALLS = {'do_exit', 'kthread_exit', 'complete_and_exit',
              'kthread_complete_and_exit', 'module_put_and_exit',
              'module_put_and_kthread_exit'}


def exit_with(st, kind, i):
    """The state an early exit hands on: it names itself as the reason
    on the paths that had not yet left their loop any other way."""
    if st is None or not st[0] or NOWHY not in st[1]:
        return st
    return (True, (st[1] - {NOWHY}) | {(kind, i)})


def stop_atom(ts, aliases):
    """kthread_should_stop(), a local holding it, or a call of a helper
    of the file that only returns true once the stop was requested."""
    ts = unwrap(ts)
    call = as_call(ts)
    return bool(call and (call[0] in STOP_TESTS or call[0] in aliases)) \
        or (len(ts) == 1 and ts[0] in aliases)


def stop_if_true(ts, aliases):
    """Does the condition ts being true mean the stop was requested?"""
    ts = unwrap(ts)
    if not ts:
        return False
    if stop_atom(ts, aliases):
        return True
    terms = split_top(ts, '||')
    if len(terms) > 1:
        return all(stop_if_true(t, aliases) for t in terms)
    terms = split_top(ts, '&&')
    if len(terms) > 1:
        return any(stop_if_true(t, aliases) for t in terms)
    return ts[0] == '!' and stop_if_false(ts[1:], aliases)


def stop_if_false(ts, aliases):
    """Does the condition ts being false mean the stop was requested?"""
    ts = unwrap(ts)
    if not ts:
        return False
    terms = split_top(ts, '||')
    if len(terms) > 1:
        return any(stop_if_false(t, aliases) for t in terms)
    terms = split_top(ts, '&&')
    if len(terms) > 1:
        return all(stop_if_false(t, aliases) for t in terms)
    return ts[0] == '!' and stop_if_true(ts[1:], aliases)


def loop_kind(ts, c0, c1, aliases=()):
    """stop: the loop runs until the stop request; mixed: it tests the
    stop request but can also end without it; forever: only a break
    ends it; other: it does not test the stop request."""
    cond = unwrap(ts[c0:c1])
    if not cond or cond in (['1'], ['true']):
        return 'forever'
    if stop_if_false(cond, aliases):
        return 'stop'
    if any(t in STOP_TESTS or t in aliases for t in cond):
        return 'mixed'
    return 'other'


def stop_aliases(ts, b0, b1):
    """Locals that only ever hold kthread_should_stop()."""
    names = {ts[k - 2] for k in range(b0 + 2, b1)
             if ts[k] in STOP_TESTS and ts[k - 1] == '=' and
             is_ident(ts[k - 2])}
    for k in range(b0, b1 - 1):
        if ts[k] in names and ts[k + 1] == '=' and \
                ts[k + 2] not in STOP_TESTS:
            names.discard(ts[k])
    return names


class StopFlow(Flow):
    """Where the thread can return before it is stopped."""

    def __init__(self, src, facts=None):
        Flow.__init__(self, src)
        self.exits = {}       # index of the exit -> state there
        self.returns = {}     # index of every return -> state there
        self.facts = facts    # facts of the file: its helpers

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        return (a[0] or b[0], a[1] | b[1])

    def run(self, func, entry):
        b0, b1 = func['body']
        ts = self.ts
        self.aliases = stop_aliases(ts, b0, b1)
        if self.facts is not None:
            self.aliases |= {name for _, name, _ in call_sites(ts, b0, b1)
                             if self.facts.true_means_stop(name)}
        self.label_at = {ts[k]: k for k in range(b0 + 1, b1 - 1)
                         if is_ident(ts[k]) and ts[k + 1] == ':' and
                         ts[k - 1] in ('{', '}', ';', ':')}
        return Flow.run(self, func, entry)

    def cond(self, c0, c1, st):
        if st is None:
            return None, None
        ts = self.ts[c0:c1]
        th = STOPPED if stop_if_true(ts, self.aliases) else st
        el = STOPPED if stop_if_false(ts, self.aliases) else st
        return th, el

    def loop_cond(self, s, c0, c1, st, ctx):
        if st is None:
            return None, None
        k = loop_kind(self.ts, c0, c1, self.aliases)
        if k == 'stop':
            return FRESH, STOPPED
        if k == 'mixed':
            return FRESH, (True, frozenset([('cond', s)]))
        if k == 'forever':
            return st, None
        return self.cond(c0, c1, st)

    def main_loop(self, ctx):
        """Is the innermost loop one the thread stays in until stopped?"""
        lp = ctx['loop']
        if lp is None or lp[1] == 'iter':
            return False
        kind = loop_kind(self.ts, lp[2], lp[3], self.aliases)
        return kind in ('stop', 'mixed') or \
            (kind == 'forever' and ctx['depth'] == 1)

    def on_break(self, s, st, ctx):
        if ctx['sw'] is None and self.main_loop(ctx):
            return exit_with(st, 'break', s)
        return st

    def on_goto(self, s, st, ctx):
        """A goto to a label outside the loop the thread stays in."""
        lp, lab = ctx['loop'], self.label_at.get(self.ts[s + 1])
        if self.main_loop(ctx) and lab is not None and \
                not lp[4] <= lab < lp[5]:
            return exit_with(st, 'goto', s)
        return st

    def on_loop_exit(self, s, st, ctx):
        """A loop of the thread body that ends on a condition of its own,
        in a thread that does poll kthread_should_stop(), is an early
        exit; in one that never does, its returns are named instead."""
        b0, b1 = self.func['body']
        kind, cond = loop_parts(self.ts, s)[:2]
        if ctx['depth'] == 0 and \
                any(t in STOP_TESTS for t in self.ts[b0:b1]) and \
                (kind == 'iter' or
                 loop_kind(self.ts, cond[0], cond[1], self.aliases) ==
                 'other'):
            return exit_with(st, 'cond', s)
        return st

    def on_return(self, s, e, st):
        self.returns[s] = self.join(self.returns.get(s), st)
        if st is not None and st[0]:
            self.exits[s] = self.join(self.exits.get(s), st)

    def simple(self, s, e, st):
        ts = self.ts
        for k, name, args in call_sites(ts, s, e):
            if name in EXIT_CALLS:
                if st is not None and st[0]:
                    self.exits[k] = self.join(self.exits.get(k), st)
                return None
        call = as_call(ts[s:e - 1]) if ts[e - 1] == ';' else None
        if call and st is not None:
            if UNTIMED_WAITS.match(call[0]) and len(call[1]) == 2 and \
                    stop_if_true(call[1][1], self.aliases):
                return STOPPED
            if self.facts is not None and call[0] in self.facts.src.funcs:
                if self.facts.ensures_stop(call[0]):
                    return STOPPED
            elif STOP_WAITER.match(call[0]):
                return STOPPED
        return st


# ---------------------------------------------------------------------
# The file: where threads start, where they are stopped, what holds a
# reference, and which task pointers are copies of each other.

CREATORS = {'kthread_run', 'kthread_create', 'kthread_create_on_node',
            'kthread_run_on_cpu', 'kthread_create_on_cpu'}
TYPE_WORDS = {'struct', 'union', 'enum', 'const', 'static', 'volatile',
              'unsigned', 'signed', 'int', 'long', 'short', 'char',
              'bool', 'void', 'float', 'double', 'register'}


def is_declaration(ts, s, e):
    t0, t1 = ts[s], ts[s + 1] if s + 1 < e else ''
    if t0 in TYPE_WORDS:
        return True
    if not is_ident(t0) or t0 in _KEYWORDS:
        return False
    return is_ident(t1) or (t1 == '*' and s + 2 < e and is_ident(ts[s + 2])
                            and ts[s + 3:s + 4] in (['='], [';'], [',']))


def declared_names(ts, s, e):
    """The names a declaration statement declares, with their
    initialisers: [(name, init tokens or None)]."""
    out = []
    for part in split_top(ts[s:e - 1], ','):
        sides = split_top(part, '=')
        lhs, depth, name = sides[0], 0, None
        for t in lhs:
            if t in _OPEN:
                depth += 1
            elif t in _CLOSE:
                depth -= 1
            elif depth == 0 and is_ident(t) and t not in TYPE_WORDS:
                name = t
        if name:
            out.append((name, sides[1] if len(sides) > 1 else None))
    return out


def locals_of(src, func):
    if 'locals' in func:
        return func['locals']
    ts = src.ts
    names = set()
    p0, p1 = func['params']
    for part in split_top(ts[p0:p1], ','):
        idents = [t for t in part if is_ident(t) and t not in TYPE_WORDS]
        if idents:
            names.add(idents[-1])
    b0, b1 = func['body']
    for s, e in walk(ts, b0 + 1, b1):
        if ts[e - 1] == ';' and is_declaration(ts, s, e):
            names.update(n for n, _ in declared_names(ts, s, e))
    func['locals'] = names
    return names


def norm_subscripts(ts):
    out, i = [], 0
    while i < len(ts):
        if ts[i] == '[':
            c = close_of(ts, i)
            if c < 0:
                return None
            out.append('[]')
            i = c + 1
        else:
            out.append(ts[i])
            i += 1
    return out


def task_key(src, func, expr):
    """A name for the storage an expression reads a task pointer from:
    l:FUNC:NAME (a local), g:NAME (file scope) or m:PATH (a member, any
    base); subscripts become []."""
    ts = norm_subscripts(strip_parens(expr))
    if not ts or not is_ident(ts[0]) or ts[0] in _KEYWORDS:
        return None
    i = 1
    if ts[i:i + 1] == ['[]']:
        i += 1
    head = ''.join(ts[:i])
    path = []
    while i < len(ts):
        if ts[i] not in ('->', '.') or i + 1 >= len(ts) or \
                not is_ident(ts[i + 1]):
            return None
        comp = ts[i + 1]
        i += 2
        if ts[i:i + 1] == ['[]']:
            comp += '[]'
            i += 1
        path.append(comp)
    if path:
        return 'm:' + '.'.join(path)
    if func and ts[0] in locals_of(src, func):
        return 'l:%s:%s' % (func['name'], head)
    return 'g:' + head


def is_constant(expr):
    ts = strip_parens(expr)
    return len(ts) == 1 and (ts[0][0].isdigit() or
                             re.match(r'[A-Z][A-Z0-9_]*$', ts[0]) or
                             ts[0] in ('true', 'false'))


def task_test(cond, task, then):
    """Does the condition being true (then) or false (not then) mean
    that task holds a started thread?"""
    task = strip_parens(task)
    valid = [task, task + ['!=', 'NULL'], ['!', 'IS_ERR', '('] + task + [')'],
             ['!', 'IS_ERR_OR_NULL', '('] + task + [')']]
    invalid = [['!'] + task, task + ['==', 'NULL'],
               ['IS_ERR', '('] + task + [')'],
               ['IS_ERR_OR_NULL', '('] + task + [')']]
    cond = unwrap(cond)
    if then:
        return all(unwrap(t) in valid for t in split_top(cond, '&&'))
    return all(unwrap(t) in invalid for t in split_top(cond, '||'))


class Facts:
    def __init__(self, path):
        self.src = src = Source(path)
        self.parent = {}
        self.creations, self.stops, self.refs = [], [], set()
        self.results, self.helpers = {}, {}
        ts = src.ts
        for func in src.funcs.values():
            b0, b1 = func['body']
            for s, e in walk(ts, b0 + 1, b1):
                if ts[s] == '{':
                    continue
                if ts[s] in ('if', 'switch') or is_loop(ts, s):
                    h0, h1 = (loop_parts(ts, s)[1] if is_loop(ts, s)
                              else (s + 2, close_of(ts, s + 1)))
                    self.note_calls(func, h0, h1, [])
                elif ts[e - 1] == ';':
                    self.note_statement(func, s, e)

    def find(self, k):
        while self.parent.get(k, k) != k:
            k = self.parent[k]
        return k

    def union(self, a, b):
        if a and b:
            ra, rb = self.find(a), self.find(b)
            if ra != rb:
                self.parent[max(ra, rb)] = min(ra, rb)

    def note_statement(self, func, s, e):
        src, ts = self.src, self.src.ts
        decl = is_declaration(ts, s, e)
        pairs = []
        if decl:
            for name, init in declared_names(ts, s, e):
                if init:
                    pairs.append(([name], init))
        elif ts[s] not in _KEYWORDS:
            sides = split_top(ts[s:e - 1], '=')
            if len(sides) == 2:
                pairs.append((sides[0], sides[1]))
        for lhs, rhs in pairs:
            call = as_call(rhs)
            if call and call[0] in CREATORS:
                continue
            if not is_constant(rhs):
                self.union(task_key(src, func, lhs),
                           task_key(src, func, rhs))
        self.note_calls(func, s, e, pairs)

    def note_calls(self, func, s, e, pairs):
        src, ts = self.src, self.src.ts
        for k, name, args in call_sites(ts, s, e):
            if name in CREATORS and args and len(args[0]) == 1 and \
                    is_ident(args[0][0]):
                target = None
                for lhs, rhs in pairs:
                    call = as_call(rhs)
                    if call and call[0] == name and \
                            s <= k < e and rhs[0] == name:
                        target = lhs
                self.creations.append({
                    'idx': k, 'fn': args[0][0], 'func': func,
                    'target': target,
                    'key': target and task_key(src, func, target)})
            elif name in ('kthread_stop', 'kthread_stop_put') and \
                    len(args) == 1:
                self.stops.append({'idx': k, 'call': name, 'func': func,
                                   'arg': args[0],
                                   'key': task_key(src, func, args[0])})
            elif name == 'get_task_struct' and len(args) == 1:
                self.refs.add(task_key(src, func, args[0]))

    # -----------------------------------------------------------------
    def ensures_stop(self, name):
        """Does the function name of this file only return once the
        thread is asked to stop (a wait-for-kthread_stop() helper)?"""
        if name not in self.helpers:
            self.helpers[name] = False
            func = self.src.funcs.get(name)
            if func:
                flow = StopFlow(self.src, self)
                end = flow.run(func, FRESH)
                self.helpers[name] = not flow.exits and \
                    not (end and end[0])
        return self.helpers[name]

    def true_means_stop(self, name):
        """Does the function name of this file return a true value only
        once the stop was requested (napi_thread_wait() in net/core)?"""
        key = ('true', name)
        if key not in self.helpers:
            self.helpers[key] = False
            func = self.src.funcs.get(name)
            if func and 'kthread_should_stop' in \
                    self.src.ts[func['body'][0]:func['body'][1]]:
                flow = StopFlow(self.src, self)
                flow.run(func, FRESH)
                ts = self.src.ts
                true_rets = [st for i, st in flow.returns.items()
                             if ts[i + 1:stmt_end(ts, i)] not in
                             (['0', ';'], ['false', ';'])]
                self.helpers[key] = bool(true_rets) and \
                    all(st is not None and not st[0] for st in true_rets)
        return self.helpers[key]

    def thread(self, fn):
        """The early exits of thread function fn: {index: state}."""
        if fn not in self.results:
            func = self.src.funcs[fn]
            flow = StopFlow(self.src, self)
            end = flow.run(func, FRESH)
            exits = dict(flow.exits)
            if end is not None and end[0]:
                exits[func['body'][1]] = end
            self.results[fn] = exits
        return self.results[fn]

    # -----------------------------------------------------------------
    # Decisions.

    def protected(self, cls):
        return any(self.find(k) == cls for k in self.refs if k) or \
            any(s['call'] == 'kthread_stop_put' and s['key'] and
                self.find(s['key']) == cls for s in self.stops)

    def threads_of(self, stop):
        """The thread functions a kthread_stop() may stop: those started
        into a copy of its argument; those started into the very same
        expression when there are any (dev->task and dev->task, not
        dev->task and rescuer->task)."""
        if not stop['key']:
            return []
        cls = self.find(stop['key'])
        linked = [c for c in self.creations
                  if c['key'] and self.find(c['key']) == cls and
                  c['fn'] in self.src.funcs]
        same = [c for c in linked
                if strip_parens(c['target']) == strip_parens(stop['arg'])]
        return sorted({c['fn'] for c in (same or linked)})

    def findings(self):
        """[(stop, fn, early exits)] for every kthread_stop() that may
        meet a thread already gone."""
        if hasattr(self, '_findings'):
            return self._findings
        out = []
        for stop in self.stops:
            if stop['call'] != 'kthread_stop' or not stop['key'] or \
                    self.protected(self.find(stop['key'])):
                continue
            for fn in self.threads_of(stop):
                exits = self.thread(fn)
                if exits:
                    out.append((stop, fn, self.early_exits(exits)))
        self._findings = out
        return out

    def early_exits(self, exits):
        why = set()
        for i, st in exits.items():
            why |= st[1] - {NOWHY}
            if NOWHY in st[1]:
                why.add((self.exit_kind(i), i))
        return sorted(why, key=lambda w: w[1])

    def exit_kind(self, i):
        t = self.src.ts[i]
        return t if t in ('return', '}') else 'exit'

    def describe_all(self, why, most=4):
        text = ', '.join(self.describe(w) for w in why[:most])
        if len(why) > most:
            text += ' and %d more' % (len(why) - most)
        return text

    def describe(self, w):
        kind, i = w
        ts, line = self.src.ts, self.src.line(i)
        if kind == 'goto':
            return 'goto %s at line %d' % (ts[i + 1], line)
        if kind == 'cond':
            return 'the loop condition at line %d' % line
        if kind == 'exit':
            return '%s() at line %d' % (ts[i], line)
        if kind == '}':
            return 'the end of the function at line %d' % line
        return '%s at line %d' % (kind, line)

    # -----------------------------------------------------------------
    # The patch: park the thread before each return it can reach
    # before being stopped. Only where that provably leaves every start
    # of the thread stopped, and returns the same value.

    def park_plan(self, fn):
        """(return indices to park before, None) or (None, why not)."""
        if fn in getattr(self, '_plans', {}):
            return self._plans[fn]
        self.__dict__.setdefault('_plans', {})
        plan = self._plan(fn)
        self._plans[fn] = plan
        return plan

    def _plan(self, fn):
        src, ts = self.src, self.src.ts
        func = src.funcs[fn]
        b0, b1 = func['body']
        body = ts[b0:b1]
        if 'int' not in func['type']:
            return None, 'the thread function does not return int'
        for name in ('set_freezable', 'allow_signal'):
            if name in body:
                return None, 'the thread calls %s(); a thread parked in ' \
                    'TASK_INTERRUPTIBLE would %s' % (name, {
                        'set_freezable': 'keep the system from freezing',
                        'allow_signal': 'spin on a pending signal'}[name])
        exits = self.thread(fn)
        sites = sorted(exits)
        for i in sites:
            if ts[i] == '}':
                return None, 'the thread can run off the end of %s()' % fn
            if ts[i] in PARKABLE_EXITS:
                call = as_call(ts[i:stmt_end(ts, i) - 1])
                if not call or ts[i - 1] not in ('{', '}', ';', ':', ')',
                                                 'else') or \
                        len(call[1]) != 1:
                    return None, '%s() at line %d is not a statement of ' \
                        'its own' % (ts[i], src.line(i))
                value = call[1][0]
            elif ts[i] != 'return':
                return None, 'the thread ends with %s() at line %d, %s' % (
                    ts[i], src.line(i), EXIT_WHY.get(ts[i], ''))
            else:
                value = ts[i + 1:stmt_end(ts, i) - 1]
            if not self.stable(func, value):
                return None, 'the value returned at line %d could change ' \
                    'while the thread waits to be stopped' % src.line(i)
        for c in self.creations:
            if c['fn'] != fn:
                continue
            if not c['key'] or not any(
                    s['key'] and self.find(s['key']) == self.find(c['key'])
                    for s in self.stops):
                return None, 'the thread started at line %d is never ' \
                    'stopped with kthread_stop(); it would wait forever' \
                    % src.line(c['idx'])
            others = sorted({o['fn'] for o in self.creations
                             if o['fn'] != fn and o['key'] and
                             self.find(o['key']) == self.find(c['key'])})
            if others:
                return None, 'the task pointer of the thread started at ' \
                    'line %d also holds threads of %s(): the kthread_stop() ' \
                    'calls may be for those' % (src.line(c['idx']),
                                                '(), '.join(others))
            mine = [s for s in self.stops
                    if s['key'] and self.find(s['key']) == self.find(c['key'])]
            for s in mine:
                why = self.stop_guard(s, fn)
                if why:
                    return None, why
            if not any(self.unconditional(s) for s in mine):
                return None, 'the thread started at line %d is stopped ' \
                    'only on some paths (kthread_stop() at line %s); it ' \
                    'could wait forever on the others' % (
                        src.line(c['idx']),
                        ', '.join(str(src.line(s['idx'])) for s in mine))
        return sites, None

    def stable(self, func, value):
        """Is the returned value the same after the thread waited: made
        of constants and of locals of the thread (address not taken)?"""
        ts = self.src.ts
        b0, b1 = func['body']
        mine = locals_of(self.src, func)
        for k, t in enumerate(value):
            if not is_ident(t):
                if t[0].isdigit() or t in ('-', '!', '~', '(', ')'):
                    continue
                return False
            if re.match(r'[A-Z][A-Z0-9_]*$', t) or t in ('true', 'false'):
                continue
            if t == 'PTR_ERR' and value[k + 1:k + 2] == ['(']:
                continue
            if t not in mine:
                return False
            if any(ts[j] == '&' and ts[j + 1] == t
                   for j in range(b0, b1)):
                return False
        return True

    def written_by(self, fn):
        """Names the thread stores to: assignment targets, ++/--, and the
        objects handed to set_bit(), atomic_set(), complete() and kin."""
        ts, src = self.src.ts, self.src
        func = src.funcs[fn]
        b0, b1 = func['body']
        mine = locals_of(src, func)
        out = set()
        for k in range(b0, b1):
            t = ts[k]
            if t in ('=', '+=', '-=', '|=', '&=', '^=', '<<=', '>>=', '*=',
                     '/=', '%=', '++', '--'):
                j = k - 1
                if ts[j] == ']':
                    j = open_of(ts, j) - 1
                if is_ident(ts[j]):
                    out.add(ts[j])
                if t in ('++', '--') and is_ident(ts[k + 1]):
                    out.add(ts[k + 1])
        for k, name, args in call_sites(ts, b0, b1):
            if re.match(r'(set_bit|clear_bit|change_bit|test_and_\w+|'
                        r'atomic\w*_(set|inc|dec|add|sub)\w*|WRITE_ONCE|'
                        r'complete\w*|up|xchg|cmpxchg)$', name):
                for a in args:
                    idents = [x for x in a if is_ident(x)]
                    if idents:
                        out.add(idents[-1])
        return out - mine

    def unconditional(self, stop):
        """Is the kthread_stop() reached whenever its function runs to
        it: no condition around it but tests of the task pointer itself,
        no loop around it but one over an array of tasks?"""
        ts = self.src.ts
        b0, b1 = stop['func']['body']
        lo, hi = b0 + 1, b1
        while True:
            found = None
            for s, e in statements(ts, lo, hi):
                if s <= stop['idx'] < e:
                    found = (s, e)
            if not found:
                return True
            s, e = found
            n = _label_len(ts, s)
            while n and s + n < e:
                s += n
                n = _label_len(ts, s)
            t = ts[s]
            if t == '{':
                lo, hi = s + 1, e - 1
            elif t == 'if':
                c = close_of(ts, s + 1)
                then_end = stmt_end(ts, c + 1)
                inside = stop['idx'] < then_end
                if not task_test(ts[s + 2:c], stop['arg'], inside):
                    return False
                lo, hi = (c + 1, then_end) if inside else (then_end + 1, e)
            elif is_loop(ts, s):
                if '[]' not in (norm_subscripts(stop['arg']) or []):
                    return False
                lo, hi = loop_parts(ts, s)[2]
            elif t == 'switch':
                return False
            else:
                return True

    def stop_guard(self, stop, fn):
        """Why parking fn could leave it waiting for a kthread_stop() that
        never comes: the stop depends on something the thread changes."""
        src, ts = self.src, self.src.ts
        func = stop['func']
        b0, b1 = func['body']
        written = self.written_by(fn)
        line = src.line(stop['idx'])
        lo, hi = b0 + 1, b1
        while True:
            found = None
            for s, e in statements(ts, lo, hi):
                if s <= stop['idx'] < e:
                    found = (s, e)
                    break
                if 'return' in ts[s:e] or 'goto' in ts[s:e]:
                    hit = written & set(ts[s:e])
                    if hit:
                        return 'kthread_stop() at line %d is skipped when ' \
                            '%s, which the thread changes, says so' % (
                                line, sorted(hit)[0])
            if not found:
                return None
            s, e = found
            n = _label_len(ts, s)
            while n and s + n < e:
                s += n
                n = _label_len(ts, s)
            t = ts[s]
            if t == '{':
                lo, hi = s + 1, e - 1
            elif t == 'if':
                c = close_of(ts, s + 1)
                hit = written & set(ts[s + 2:c])
                if hit:
                    return 'kthread_stop() at line %d depends on %s, ' \
                        'which the thread changes' % (line, sorted(hit)[0])
                then_end = stmt_end(ts, c + 1)
                if stop['idx'] < then_end:
                    lo, hi = c + 1, then_end
                else:
                    lo, hi = then_end + 1, e
            elif is_loop(ts, s):
                if '[]' not in (norm_subscripts(stop['arg']) or []):
                    return 'kthread_stop() at line %d is inside a loop' \
                        % line
                c0, c1 = loop_parts(ts, s)[1]
                hit = written & set(ts[c0:c1])
                if hit:
                    return 'kthread_stop() at line %d depends on %s, ' \
                        'which the thread changes' % (line, sorted(hit)[0])
                lo, hi = loop_parts(ts, s)[2]
            elif t == 'switch':
                return 'kthread_stop() at line %d is inside a switch' % line
            else:
                return None


_facts = {}


class NoFacts:
    """What a file that cannot be analysed yields: nothing."""

    def findings(self):
        return []


def facts_of(path):
    if path not in _facts:
        try:
            _facts[path] = Facts(path)
        except Exception as e:
            sys.stderr.write('stop-race: cannot analyse %s: %r\n' % (path, e))
            _facts[path] = NoFacts()
    return _facts[path]


# ---------------------------------------------------------------------
# Glue for the rules below.

current = {'file': None, 'positions': {}}
target_kernel = [(6, 1)]


def set_kernel(k):
    m = re.match(r'(\d+)\.(\d+)', str(k).strip())
    if m:
        target_kernel[0] = (int(m.group(1)), int(m.group(2)))


def note_stop(p):
    """The first rule: forget the previous file, keep the positions of
    the kthread_stop() calls for the messages."""
    path = p[0].file
    if current['file'] != path:
        _facts.pop(path, None)
        current['file'] = path
        current['positions'] = {}
    current['positions'][(int(p[0].line), int(p[0].column))] = p


def facts():
    return facts_of(current['file'])


def here(p):
    return p[0].file == current['file']


def park_here(p):
    """Is the return or exit call at p one to park the thread before?
    (One rule parks both: positions do not survive a rewrite.)"""
    if not here(p):
        return False
    f = facts()
    at = (int(p[0].line), int(p[0].column))
    for fn in sorted({fn for _, fn, _ in f.findings()}):
        sites, _ = f.park_plan(fn)
        if sites and any(f.src.pos[i] == at for i in sites):
            return True
    return False


def is_finding(p):
    if not here(p):
        return False
    f = facts()
    at = (int(p[0].line), int(p[0].column))
    return any(f.src.pos[stop['idx']] == at for stop, _, _ in f.findings())


def reference_advice():
    if target_kernel[0] >= (6, 7):
        return 'get_task_struct() before the thread runs, then ' \
            'kthread_stop_put()'
    return 'get_task_struct() before the thread runs, put_task_struct() ' \
        'after kthread_stop()'


def messages(refusals=False):
    """(position, message) for every finding, in file order; with
    refusals, why the patch leaves a finding alone instead."""
    f = facts()
    out = []
    for stop, fn, why in f.findings():
        p = current['positions'].get(f.src.pos[stop['idx']])
        if p is None:
            continue
        if refusals:
            _, reason = f.park_plan(fn)
            if reason:
                out.append((p, 'WARNING: %s() can end before it is '
                            'stopped, not patched: %s' % (fn, reason)))
            continue
        out.append((p, 'WARNING: %s() can end before it is stopped (%s), '
                    'and this kthread_stop() would then touch a freed '
                    'task: make the thread wait for kthread_stop() before '
                    'it ends, or hold a task reference (%s)'
                    % (fn, f.describe_all(why), reference_advice())))
    out.sort(key=lambda x: (int(x[0][0].line), int(x[0][0].column)))
    return out

// ---------------------------------------------------------------------
// Facts: the kthread_stop() calls of the file. Everything else is read
// from the file itself (see Source above).

@stop_call@
expression E;
position p;
@@

kthread_stop@p(E)

@script:python@
p << stop_call.p;
@@

note_stop(p)

@script:python depends on stop_call@
k << virtual.kernel;
@@

set_kernel(k)

// ---------------------------------------------------------------------
// The patch: wait for the stop request before an early return.

@park depends on patch && stop_call@
identifier ex = {do_exit, kthread_exit};
expression E;
position p : script:python() { park_here(p) };
@@

(
+ /* Wait for kthread_stop(): it needs this task */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+	schedule();
+	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  return@p E;
|
+ /* Wait for kthread_stop(): it needs this task */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+	schedule();
+	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  ex@p(E);
)

// ---------------------------------------------------------------------
// Findings.

@depends on context && stop_call@
expression E;
position p : script:python() { is_finding(p) };
@@

* kthread_stop@p(E)

@script:python depends on report && stop_call@
@@

for pos, msg in messages():
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && stop_call@
@@

for pos, msg in messages():
    coccilib.org.print_todo(pos[0], msg)

@script:python depends on patch && explain && stop_call@
@@

for pos, msg in messages(refusals=True):
    coccilib.report.print_report(pos[0], msg)

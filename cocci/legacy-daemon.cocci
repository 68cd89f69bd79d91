// SPDX-License-Identifier: GPL-2.0-only
/// Convert kernel_thread()/daemonize() daemons stopped by a signal to kthreads
///
/// Before 2.6.25 a driver thread was started with kernel_thread(), named
/// itself with daemonize(), let SIGKILL (or SIGTERM) in with allow_signal()
/// and ran until signal_pending(current); the driver stopped it with
/// send_sig(), kill_proc() or kill_pid(find_vpid()) and waited for it on a
/// completion or a flag. kernel_thread() is not exported to modules and
/// daemonize() is gone since 3.8. The thread is started with kthread_run()
/// under the name daemonize() gave it, its task is kept in a task_struct
/// pointer (where the pid was) and checked with IS_ERR(), it polls
/// kthread_should_stop(), and the signal and the wait become
/// kthread_stop(). daemonize(), the lock_kernel() pair around it and the
/// signal plumbing that only served stopping go; a signal the thread also
/// uses for work (SIGHUP to re-read its settings) stays and is reported.
/// A thread that can leave its loop on its own waits there to be stopped.
/// A daemon nobody stops with a signal only gets its start converted, and
/// a kthread_run() thread stopped with send_sig() gets kthread_stop().
///
//# Every signal_pending() test of the thread must be a stop test or a
//# flush_signals()-and-work test; threads that look at which signal came,
//# sleep where kthread_stop() cannot wake them, can end before they are
//# stopped or are stopped from several functions or under a lock are
//# reported and left alone. Wrapper macros (DAEMONIZE(), KILL_PROC()) are
//# understood only when defined in this file; code under #if in the
//# functions involved is left to the user. A work signal sent through the
//# task pointer (formerly the pid) after kthread_stop() would reach a
//# freed task: the callers must not outlive the stop (as before, when a
//# late kill_proc() could hit a recycled pid).
//
// Confidence: Moderate
// Copyright: (C) 2026 The kthreadify authors.
// Comments: One decision per file, taken once all facts are in; rewrites
//  are keyed by function and statement text because positions do not
//  survive rewrites. The target kernel (-D kernel=X.Y, default 6.1)
//  decides between kthread_complete_and_exit() and complete_and_exit().
// Options: --no-includes --include-headers
// Keywords: kernel_thread, daemonize, allow_signal, send_sig, kill_proc, kill_pid, kthread_stop
// Needs: (kernel_thread && daemonize) || send_sig || kill_proc || kill_pid

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

# The shared C-reading helpers live beside this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *

TARGET = [(6, 1)]

# Signals that end a daemon by convention. A send of any other signal is
# a work request (SIGHUP: re-read the settings).
TERM_SIGS = {'SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT'}
CREATORS = {'kernel_thread', 'kthread_run', 'kthread_create',
            'kthread_create_on_node'}
# Calls that mean the thread looks at its signals in a way this rule
# cannot follow.
SIGNAL_INSPECT = {'dequeue_signal', 'dequeue_signal_lock',
                  'kernel_dequeue_signal', 'sigismember', 'sigprocmask',
                  'disallow_signal', 'fatal_signal_pending',
                  '__fatal_signal_pending', 'allow_kernel_signal',
                  'kernel_sigaction', 'signal_pending_state',
                  'send_sig', 'force_sig'}
# Sleeps that are gone from the kernel.
OLD_SLEEPS = {'interruptible_sleep_on', 'sleep_on',
              'interruptible_sleep_on_timeout', 'sleep_on_timeout'}
EXITS = {'do_exit', 'kthread_exit', 'complete_and_exit',
         'kthread_complete_and_exit', 'module_put_and_exit',
         'module_put_and_kthread_exit'}
SIGLOCK = ['&', 'current', '->', 'sighand', '->', 'siglock']
BLOCKED = ['&', 'current', '->', 'blocked']
CURRENT = ['current']
SIGTEST = ['signal_pending', '(', 'current', ')']
FLUSH = ['flush_signals', '(', 'current', ')', ';']
STOPTEST = ['kthread_should_stop', '(', ')']


def set_target(k):
    m = re.match(r'^\s*(\d+)\.(\d+)', str(k))
    if m:
        TARGET[0] = (int(m.group(1)), int(m.group(2)))


def cae_name():
    """complete_and_exit() was renamed in 5.17."""
    return 'kthread_complete_and_exit' if TARGET[0] >= (5, 17) \
        else 'complete_and_exit'


class Reject(Exception):
    pass


# ---------------------------------------------------------------------
# The file as written: comments removed, its macros, every token.

def strip_comments(src):
    out, i, n = [], 0, len(src)
    quote, bs = chr(39), chr(92)
    while i < n:
        if src.startswith('/*', i):
            j = src.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(' ' + '\n' * src.count('\n', i, j))
            i = j
        elif src.startswith('//', i):
            j = src.find('\n', i)
            i = n if j < 0 else j
        elif src[i] in ('"', quote):
            q, j = src[i], i + 1
            while j < n and src[j] != q and src[j] != '\n':
                j += 2 if src[j] == bs else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(src[i])
            i += 1
    return ''.join(out)


def read_source(path):
    try:
        with open(path, errors='replace') as fp:
            src = strip_comments(fp.read())
    except OSError:
        return None, {}
    joined = src.replace(chr(92) + '\n', ' ')
    macros = {}
    for line in joined.split('\n'):
        m = re.match(r'\s*#\s*define\s+(\w+)\(([^)]*)\)(.*)$', line)
        if m:
            params = [p.strip() for p in m.group(2).split(',') if p.strip()]
            macros.setdefault(m.group(1), []).append(
                (params, toks(m.group(3))))
    return toks(src), macros


# ---------------------------------------------------------------------
# What the fact rules learn about one file.

class Facts:
    def __init__(self, path):
        self.raw, self.macros = read_source(path)
        self.creations = []   # every kernel_thread()/kthread_*() call
        self.funcs = {}       # name -> {'body', 'ret', 'params'}
        self.globals = {}     # name -> declared type tokens
        self.global_lines = {}  # name -> line of its declaration
        self.completions = set()  # DECLARE_COMPLETION() names
        self.fields = {}      # field -> {struct name: type tokens}
        self.sigpos = {}      # function -> [((line, col), position)]
        self.decision = None
        self.handed = set()


current = [None, None]


def start_file(pos):
    """Forget the previous file when the first rule meets a new one.
    Later rules see positions in spatch's rewritten copy of the file,
    so only this first rule can tell files apart, and read the file."""
    if current[1] != pos[0].file:
        current[0] = Facts(pos[0].file)
        current[1] = pos[0].file


def facts():
    return current[0]


def element(pos):
    name = pos[0].current_element
    return None if name == 'something_else' else name


def note_creation(pc, fn, creator):
    start_file(pc)
    f = facts()
    c = {'fn': fn, 'creator': creator, 'func': element(pc),
         'line': int(pc[0].line), 'col': int(pc[0].column), 'pos': pc}
    if all((o['line'], o['col']) != (c['line'], c['col'])
           for o in f.creations):
        f.creations.append(c)


def note_function(p, name, rt, params, body):
    names = []
    for prm in split_top(toks(params), ','):
        idents = [t for t in prm if is_ident(t)]
        if idents and prm != ['void']:
            names.append(idents[-1])
    facts().funcs[name] = {'body': toks(body), 'params': names,
                           'ret': ' '.join(t for t in toks(rt)
                                           if not t.startswith('__'))}


def note_global(p, name, typ):
    if element(p) == name:
        facts().globals[name] = toks(typ)
        facts().global_lines[name] = int(p[0].line)


def note_field(struct, name, typ):
    facts().fields.setdefault(name, {})[struct] = toks(typ)


def note_sigtest(p):
    lst = facts().sigpos.setdefault(element(p), [])
    key = (int(p[0].line), int(p[0].column))
    if all(k != key for k, _ in lst):
        lst.append((key, p))
        lst.sort(key=lambda x: x[0])


# ---------------------------------------------------------------------
# Reading statements.

def call_stmt(ts):
    """(name, args) when ts is a statement made of one call."""
    if not ts or ts[-1] != ';':
        return None
    return as_call(ts[:-1])


def skip_labels(ts, s, e):
    while s < e and (ts[s] in ('case', 'default') or
                     (is_ident(ts[s]) and ts[s + 1:s + 2] == [':'] and
                      ts[s] != 'else')):
        while s < e and ts[s] != ':':
            s += 1
        s += 1
    return s


def blocks(ts, i=0, j=None):
    """Every list of sibling statements in ts[i:j] (the outer list and
    the inside of every block and branch), as lists of (start, end)."""
    j = len(ts) if j is None else j
    sibs = statements(ts, i, j)
    yield sibs
    for s, e in sibs:
        s = skip_labels(ts, s, e)
        if s >= e:
            continue
        t = ts[s]
        if t == '{':
            for b in blocks(ts, s + 1, e - 1):
                yield b
        elif t == 'if':
            c = close_of(ts, s + 1)
            then_end = stmt_end(ts, c + 1)
            for b in blocks(ts, c + 1, then_end):
                yield b
            if then_end < e and ts[then_end] == 'else':
                for b in blocks(ts, then_end + 1, e):
                    yield b
        elif t in ('while', 'for', 'switch'):
            c = close_of(ts, s + 1)
            for b in blocks(ts, c + 1, e):
                yield b
        elif t == 'do':
            for b in blocks(ts, s + 1, stmt_end(ts, s + 1)):
                yield b


def all_statements(ts):
    """Every statement of ts, nested ones included, as token lists."""
    out = []
    visit(ts, 0, len(ts), 0, lambda a, b, d: out.append(ts[a:b]))
    return out


def count_stmt(ts, st):
    return sum(1 for x in all_statements(ts) if x == st)


def if_parts(ts):
    """(cond, then, else) of an if statement, else None."""
    if ts[:2] != ['if', '(']:
        return None
    c = close_of(ts, 1)
    then_end = stmt_end(ts, c + 1)
    other = ts[then_end + 1:] if ts[then_end:then_end + 1] == ['else'] \
        else None
    return ts[2:c], ts[c + 1:then_end], other


def unbrace(ts):
    if ts[:1] == ['{'] and close_of(ts, 0) == len(ts) - 1:
        return ts[1:-1]
    return ts


def count_sig(ts):
    return sum(1 for k in range(len(ts) - 3) if ts[k:k + 4] == SIGTEST)


def has_exit(ts):
    return 'return' in ts or 'goto' in ts or bool(calls_in(ts) & EXITS)


def is_loop_stmt(ts):
    return bool(ts) and ts[0] in ('while', 'for', 'do')


def signame(ts):
    ts = strip_parens(ts)
    if len(ts) == 1 and re.match(r'^SIG[A-Z0-9]+$', ts[0]):
        return ts[0]
    return None


def key_name(key):
    """('g', name) or ('m', field) of a key from lvalue_key()."""
    where, path = key.split(':', 1)
    return where, path.split('.')[-1]


def flag_storage(key):
    """('g', name) or ('m', field) behind a flag key (v:, a:, b:BIT:)."""
    parts = key.split(':')
    return key_name(':'.join(parts[-2:]))


def uses(ts, where, name):
    """How often ts names the global (where 'g') or the member ('m')."""
    n = 0
    for k, t in enumerate(ts):
        if t == name and (k > 0 and ts[k - 1] in ('->', '.')) == \
                (where == 'm'):
            n += 1
    return n


def declares(st, name):
    """Is statement st a declaration of name?"""
    if len(st) < 3 or st[-1] != ';' or not is_ident(st[0]) or \
            st[0] in ('return', 'goto', 'break', 'continue', 'if', 'else',
                      'while', 'for', 'do', 'switch', 'case'):
        return False
    if st[1] in ('=', '(', '->', '.', '[', '++', '--', '+=', '-=', '|=',
                 '&=', ',', ';'):
        return False
    for k in range(1, len(st) - 1):
        if st[k] == name and (is_ident(st[k - 1]) or st[k - 1] in ('*', ',')) \
                and st[k + 1] in (',', ';', '=', '['):
            return True
    return False


def is_local(func, name):
    if name in func['params']:
        return True
    return any(declares(st, name) for st in all_statements(func['body']))


def aliases_of(f, fn, tops):
    """The thread argument and the locals set straight from it."""
    th = f.funcs[fn]
    names = set(th['params'][:1])
    for st in tops:
        if is_loop_stmt(st):
            break
        if st[-1:] != [';']:
            continue
        sides = split_top(st[:-1], '=')
        if len(sides) != 2 or not sides[0] or not is_ident(sides[0][-1]):
            continue
        rhs = strip_parens(sides[1])
        if rhs and rhs[0] == '(' and close_of(rhs, 0) > 0:
            rhs = strip_parens(rhs[close_of(rhs, 0) + 1:])
        if len(rhs) == 1 and rhs[0] in names and declares(st, sides[0][-1]):
            names.add(sides[0][-1])
    return names


def uncast(ts):
    """ts without a leading cast: (void *)dev is dev."""
    ts = strip_parens(ts)
    if ts[:1] == ['('] and 0 < close_of(ts, 0) < len(ts) - 1:
        inner = ts[1:close_of(ts, 0)]
        if inner and all(is_ident(t) or t == '*' for t in inner) and \
                (inner[-1] == '*' or inner[0] in ('struct', 'void',
                                                  'unsigned', 'long')):
            return uncast(ts[close_of(ts, 0) + 1:])
    return ts


def through_data(ts, aliases, data):
    """ts with the thread argument (and its aliases) replaced by the data
    argument given at the start, as the starting code can reach it."""
    data = uncast(data)
    out, k = [], 0
    while k < len(ts):
        t = ts[k]
        prev = ts[k - 1] if k else ''
        if t in aliases and prev not in ('->', '.'):
            if not data:
                raise Reject('the thread reaches its state through an '
                             'argument the start does not pass')
            if ts[k + 1:k + 2] == ['->'] and data[:1] == ['&'] and \
                    split_lvalue(data[1:]) is not None:
                out += strip_parens(data[1:]) + ['.']
                k += 2
                continue
            out += data if split_lvalue(data) is not None \
                else ['('] + data + [')']
        else:
            out.append(t)
        k += 1
    return out


# ---------------------------------------------------------------------
# Wrapper macros defined in the file. Every definition (all branches of
# a version ladder) must be made of the legacy calls alone.

def macro_stmts(body):
    ts = list(body)
    if ts[:2] == ['do', '{']:
        c = close_of(ts, 1)
        if ts[c + 1:c + 5] == ['while', '(', '0', ')']:
            ts = ts[2:c]
    if ts[:1] == ['{'] and close_of(ts, 0) == len(ts) - 1:
        ts = ts[1:-1]
    return [s for s in split_top(ts, ';') if s]


def daemonize_wrapper(name):
    """The signals a macro of this file lets in (a set) when it is a
    daemonize() wrapper, else None."""
    f = facts()
    if not name or name == 'daemonize' or f is None or name not in f.macros:
        return None
    allowed, named = set(), False
    for params, body in f.macros[name]:
        for st in macro_stmts(body):
            call = as_call(st)
            if not call:
                return None
            n, args = call
            if n == 'daemonize':
                if args and args == [[p] for p in params]:
                    named = True
                elif args:
                    return None
            elif n == 'allow_signal' and len(args) == 1 and signame(args[0]):
                allowed.add(signame(args[0]))
            elif n in ('strcpy', 'sprintf', 'snprintf', 'strlcpy',
                       'strncpy') and args and \
                    args[0] == ['current', '->', 'comm']:
                pass
            elif n != 'reparent_to_init':
                return None
    return allowed if named else None


def kill_wrapper(name):
    """(argument count, pid index, signal index) of a kill_proc() style
    wrapper macro of this file, else None."""
    f = facts()
    if f is None or name not in f.macros:
        return None
    found = set()
    for params, body in f.macros[name]:
        sts = macro_stmts(body)
        call = as_call(sts[0]) if len(sts) == 1 else None
        if not call or len(call[1]) != 3:
            return None
        n, args = call
        if n == 'kill_proc':
            pid, sig = strip_parens(args[0]), strip_parens(args[1])
        elif n == 'kill_pid':
            inner = as_call(args[0])
            if not inner or inner[0] != 'find_vpid' or len(inner[1]) != 1:
                return None
            pid, sig = strip_parens(inner[1][0]), strip_parens(args[1])
        else:
            return None
        if len(pid) != 1 or len(sig) != 1 or pid[0] not in params or \
                sig[0] not in params:
            return None
        found.add((len(params), params.index(pid[0]), params.index(sig[0])))
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------
# Signals sent to a thread.

def parse_send(ts):
    """{'handle', 'sig', 'by'} when ts is a statement that sends a signal
    to a task ('task') or to a pid ('pid')."""
    call = call_stmt(ts)
    if not call:
        return None
    n, a = call
    if n == 'send_sig' and len(a) == 3:
        return {'handle': strip_parens(a[1]), 'sig': signame(a[0]),
                'by': 'task'}
    if n == 'kill_proc' and len(a) == 3:
        return {'handle': strip_parens(a[0]), 'sig': signame(a[1]),
                'by': 'pid'}
    if n == 'kill_pid' and len(a) == 3:
        inner = as_call(a[0])
        if inner and inner[0] == 'find_vpid' and len(inner[1]) == 1:
            return {'handle': strip_parens(inner[1][0]),
                    'sig': signame(a[1]), 'by': 'pid'}
        return None
    w = kill_wrapper(n)
    if w and len(a) == w[0]:
        return {'handle': strip_parens(a[w[1]]), 'sig': signame(a[w[2]]),
                'by': 'pid', 'wrapper': n}
    return None


# Calls that take a lock (or forbid sleeping) and the calls that undo them.
LOCKS = {'spin_lock': 'spin_unlock', 'spin_lock_irq': 'spin_unlock_irq',
         'spin_lock_irqsave': 'spin_unlock_irqrestore',
         'spin_lock_bh': 'spin_unlock_bh', 'read_lock': 'read_unlock',
         'write_lock': 'write_unlock', 'mutex_lock': 'mutex_unlock',
         'mutex_lock_interruptible': 'mutex_unlock',
         'mutex_lock_killable': 'mutex_unlock', 'down': 'up',
         'down_interruptible': 'up', 'down_killable': 'up',
         'down_read': 'up_read', 'down_write': 'up_write',
         'rcu_read_lock': 'rcu_read_unlock', 'lock_kernel': 'unlock_kernel',
         'local_irq_disable': 'local_irq_enable',
         'local_irq_save': 'local_irq_restore',
         'preempt_disable': 'preempt_enable'}


def locks_held(ts):
    """The locks taken and not released in ts (the code before a stop):
    kthread_stop() sleeps until the thread is gone, which a thread that
    needs the lock, or an atomic section, does not allow."""
    count = {}
    for name, args in call_sites(ts):
        if name in LOCKS or name in GUARDS:
            count[name] = count.get(name, 0) + 1
        for lock, unlock in LOCKS.items():
            if name == unlock and count.get(lock, 0) > 0:
                count[lock] -= 1
                break
    return sorted(k for k, v in count.items() if v > 0)


def find_sends(f, keys):
    """Every statement that sends a signal to a handle in keys, in any
    function, with its siblings."""
    out = []
    for func in sorted(f.funcs):
        ts = f.funcs[func]['body']
        for sibs in blocks(ts):
            for n, (s, e) in enumerate(sibs):
                snd = parse_send(ts[s:e])
                if not snd or lvalue_key(snd['handle']) not in keys:
                    continue
                snd.update({'func': func, 'stmt': ts[s:e],
                            'held': locks_held(ts[:s]),
                            'before': [ts[a:b] for a, b in sibs[:n]],
                            'after': [ts[a:b] for a, b in sibs[n + 1:]],
                            'key': lvalue_key(snd['handle']),
                            'stop': snd['sig'] in TERM_SIGS})
                out.append(snd)
    return out


def completion_of(ts, names):
    """Key of C when ts is a call of one of names on &C (first arg)."""
    call = call_stmt(ts)
    if call and call[0] in names and call[1] and call[1][0][:1] == ['&']:
        return lvalue_key(call[1][0][1:])
    return None


# ---------------------------------------------------------------------
# The decision, taken once per file when a rewriting rule first asks.

def decide(f):
    if f.decision is not None:
        return f.decision
    f.decision = {'plans': [], 'refused': [], 'stmts': {}, 'conds': {},
                  'waits': {}, 'creations': {}, 'checks': {},
                  'addchecks': {}, 'globals': {}, 'completions': set(),
                  'fields': {}, 'locals': set(), 'parks': set(),
                  'legacy': False}
    by_fn = {}
    for c in sorted(f.creations, key=lambda c: (c['line'], c['col'])):
        by_fn.setdefault(c['fn'], []).append(c)
    approved = {}
    for fn in by_fn:
        cs = by_fn[fn]
        legacy = cs[0]['creator'] == 'kernel_thread'
        plan = {'fn': fn, 'ours': False, 'legacy': legacy,
                'pos': cs[0]['pos']}
        try:
            if analyse(f, plan, cs, approved):
                commit(f, plan)
                approved[fn] = plan
        except Reject as e:
            if plan['ours']:
                f.decision['refused'].append((plan['pos'], fn, e.args[0],
                                              plan['legacy']))
    plans = list(approved.values())
    try:
        consistent(f, plans)
    except Reject as e:
        for plan in plans:
            f.decision['refused'].append((plan['pos'], plan['fn'],
                                          e.args[0], plan['legacy']))
        plans = []
    merge(f, plans)
    return f.decision


def put(plan, func, st, new):
    """Ask for statement st of func to go (new None) or be replaced."""
    key = (func, tuple(st))
    if key in plan['stmts'] and plan['stmts'][key] != new:
        raise Reject('the same statement would need two rewrites')
    plan['stmts'][key] = new


def analyse(f, plan, cs, approved):
    """Fill in plan, the rewrite of one thread. False when the thread is
    neither a legacy daemon nor a kthread stopped with a signal; raises
    Reject when it cannot be rewritten."""
    fn = plan['fn']
    legacy = plan['legacy']
    c = cs[0]
    th = f.funcs.get(fn)
    starter = f.funcs.get(c['func']) if c['func'] else None
    if th is None or starter is None:
        if legacy and f.raw is not None and 'daemonize' in f.raw:
            plan['ours'] = True
            raise Reject('the thread function or the code starting it is '
                         'not in this file or could not be parsed')
        return False
    body = th['body']
    # The core kernel still starts kthreadd, init and user-mode helpers
    # with kernel_thread(): only a thread that daemonize()s, or that is
    # stopped with a signal, is a legacy daemon.
    daemonizes = any(n == 'daemonize' or daemonize_wrapper(n) is not None
                     for n in calls_in(body))
    plan['ours'] = legacy and daemonizes
    if any((c2['creator'] == 'kernel_thread') != legacy for c2 in cs):
        raise Reject('the thread is started both with kernel_thread() and '
                     'with the kthread API')
    try:
        cr = find_creation(starter['body'], c, legacy)
    except Reject:
        if legacy and daemonizes:
            raise
        return False
    tops = [body[s:e] for s, e in statements(body)]
    publish = published(tops)
    keys = set()
    target_key = lvalue_key(cr['target']) if cr['target'] else None
    local_target = bool(target_key) and target_key.startswith('g:') and \
        is_local(starter, target_key[2:])
    if target_key and not local_target:
        keys.add(target_key)
    if publish:
        keys.add(publish[0])
    sends = find_sends(f, keys)
    stops = [s for s in sends if s['stop']]
    if not stops and not (legacy and daemonizes):
        return False
    plan['ours'] = True
    if len(cs) != 1:
        raise Reject('the thread is started in %d places' % len(cs))
    plan.update({'legacy': legacy, 'creation': c, 'cr': cr, 'body': body,
                 'tops': tops, 'publish': publish, 'sends': sends,
                 'stops': stops, 'stmts': {}, 'conds': {}, 'waits': {},
                 'kept_signals': [], 'park': False, 'work': [],
                 'stoppers': sorted({s['func'] for s in stops}),
                 'sigs': sorted({s['sig'] or '?' for s in stops}),
                 'decls': [], 'completions': [], 'fields': [],
                 'drop_globals': [], 'local_target': local_target,
                 'target_key': target_key, 'K': set(), 'seqs': [],
                 'flags': {}, 'end': None, 'exit_sets': {},
                 'task': None, 'rename': None, 'exprs': {}})
    if th['ret'] != 'int':
        raise Reject('the thread function does not return int')
    if '#' in body:
        raise Reject('the thread function has code under #if')
    plan['pre'] = preamble(f, plan, tops)
    if stops:
        stoppable(f, plan)
    else:
        unstopped(f, plan)
    starting(f, plan, approved)
    return True


def find_creation(ts, c, legacy):
    """The statement that starts the thread and its shape."""
    want = [c['creator'], '(', c['fn'], ',']
    found = None
    for sibs in blocks(ts):
        for n, (s, e) in enumerate(sibs):
            st = ts[s:e]
            head = st
            if st[0] in ('{', 'while', 'for', 'do', 'switch'):
                continue
            if st[0] == 'if':
                head = st[:close_of(st, 1) + 1]
            at = [k for k in range(len(head)) if head[k:k + 4] == want]
            if not at:
                continue
            nxt = ts[sibs[n + 1][0]:sibs[n + 1][1]] \
                if n + 1 < len(sibs) else []
            found = (st, nxt, s, at[0])
    if found is None:
        raise Reject('the thread start could not be found')
    st, nxt, start, k = found
    close = close_of(st, k + 1)
    cr = {'stmt': st, 'next': nxt, 'start': start, 'target': None,
          'shape': None, 'check': None,
          'args': split_top(st[k + 2:close], ',')}
    if st[0] == 'if':
        parts = if_parts(st)
        cond = strip_parens(parts[0])
        call = st[k:close + 1]
        if legacy and parts[2] is None and \
                cond in (call + ['<', '0'], call + ['<=', '0']):
            cr['shape'] = 'iftest'
            return cr
        raise Reject('the thread is started inside a condition this rule '
                     'does not rewrite')
    if k == 0 and close == len(st) - 2:
        cr['shape'] = 'drop'
        return cr
    if k > 1 and st[k - 1] == '=' and close == len(st) - 2:
        target = strip_parens(st[:k - 1])
        if split_lvalue(target) is not None:
            cr['shape'] = 'store'
            cr['target'] = target
            parts = if_parts(nxt) if nxt else None
            if parts and parts[2] is None and legacy:
                cond = strip_parens(parts[0])
                call = as_call(cond)
                if call and call[0] == 'unlikely' and len(call[1]) == 1:
                    cond = strip_parens(call[1][0])
                if cond in (target + ['<', '0'], target + ['<=', '0']):
                    cr['check'] = nxt
            return cr
    raise Reject('the thread is started inside an expression this rule '
                 'does not rewrite')


def published(tops):
    """(key, lvalue tokens, statement) when the thread stores its own
    task pointer (x = current;) before its loop."""
    for st in tops:
        if is_loop_stmt(st):
            break
        sides = split_top(st[:-1], '=') if st[-1:] == [';'] else []
        if len(sides) == 2 and sides[1] == CURRENT and \
                lvalue_key(sides[0]):
            return lvalue_key(sides[0]), strip_parens(sides[0]), st
    return None


# ---------------------------------------------------------------------
# The thread: what comes before its loop.

def preamble(f, plan, tops):
    pre = {'daemonize': None, 'name': None, 'allowed': set(), 'mask': [],
           'allow': [], 'lock': [], 'nofreeze': [], 'flush': [],
           'wrapped': set()}
    locked = False
    for st in tops:
        if is_loop_stmt(st):
            break
        call = call_stmt(st)
        n, args = call if call else (None, None)
        wrapped = daemonize_wrapper(n)
        if n == 'daemonize' or wrapped is not None:
            if pre['daemonize'] is not None:
                raise Reject('the thread calls daemonize() twice')
            if not args:
                raise Reject('daemonize() without a name (2.4 style)')
            pre['daemonize'] = st
            pre['name'] = args
            if wrapped is not None:
                pre['allowed'] |= wrapped
                pre['wrapped'] |= wrapped
        elif n in ('lock_kernel', 'unlock_kernel') and not args:
            if (n == 'lock_kernel') == locked:
                raise Reject('lock_kernel() is not paired around '
                             'daemonize()')
            locked = n == 'lock_kernel'
            pre['lock'].append(st)
        elif n == 'allow_signal' and len(args) == 1 and signame(args[0]):
            pre['allowed'].add(signame(args[0]))
            pre['allow'].append((signame(args[0]), st))
        elif n == 'siginitsetinv' and len(args) == 2 and args[0] == BLOCKED:
            pre['allowed'] |= {t for t in args[1]
                               if re.match(r'^SIG[A-Z0-9]+$', t)}
            pre['mask'].append(st)
        elif (n == 'recalc_sigpending' and not args) or \
                (n in ('spin_lock_irq', 'spin_unlock_irq') and
                 args == [SIGLOCK]):
            pre['mask'].append(st)
        elif n == 'flush_signals' and args == [CURRENT]:
            pre['flush'].append(st)
        elif st == ['current', '->', 'flags', '|=', 'PF_NOFREEZE', ';']:
            pre['nofreeze'].append(st)
    if locked:
        raise Reject('lock_kernel() is held beyond the daemonize() '
                     'preamble')
    if pre['lock'] and pre['daemonize'] is None:
        raise Reject('lock_kernel() is taken without daemonize()')
    body = plan['body']
    for name in ('lock_kernel', 'unlock_kernel', 'daemonize'):
        seen = sum(1 for k in range(len(body) - 1)
                   if body[k] == name and body[k + 1] == '(')
        mine = sum(1 for st in pre['lock'] + [pre['daemonize'] or []]
                   if st[:1] == [name])
        if seen != mine:
            raise Reject('%s() is called outside the thread preamble' % name)
    if plan['legacy']:
        for name in calls_in(body):
            if re.search('daemon', name, re.I) and \
                    name != 'daemonize' and daemonize_wrapper(name) is None:
                raise Reject('%s() is not defined in this file as a '
                             'daemonize() wrapper' % name)
    return pre


def thread_name(f, plan):
    """The kthread_run() name arguments, as C text that the starting code
    can evaluate."""
    pre = plan['pre']
    if pre['name'] is None:
        return ['"%s"' % plan['fn']]
    th = f.funcs[plan['fn']]
    aliases = aliases_of(f, plan['fn'], plan['tops'])
    data = strip_parens(plan['cr']['args'][1]) \
        if len(plan['cr']['args']) > 1 else []
    out = []
    for arg in pre['name']:
        for k, t in enumerate(arg):
            prev = arg[k - 1] if k else ''
            if t == 'current' or (is_ident(t) and prev not in ('->', '.')
                                  and t not in aliases and is_local(th, t)):
                raise Reject('the thread name is computed from the state '
                             'of the thread')
        out.append(text(through_data(arg, aliases, data)))
    return out


# ---------------------------------------------------------------------
# A thread stopped with a signal.

def kthread_stops(f, key):
    """Functions that already call kthread_stop() on the handle key."""
    out = set()
    for func, info in f.funcs.items():
        for name, args in call_sites(info['body']):
            if name == 'kthread_stop' and len(args) == 1 and \
                    lvalue_key(args[0]) == key:
                out.add(func)
    return out


def stoppable(f, plan):
    tops = plan['tops']
    stoppers = set(plan['stoppers'])
    for key in {s['key'] for s in plan['stops']}:
        stoppers |= kthread_stops(f, key)
    others = sorted(stoppers - {plan['creation']['func']})
    if len(others) > 1:
        raise Reject('the thread is stopped from %s(); once it is gone, a '
                     'second kthread_stop() would touch a freed task'
                     % '() and '.join(others))
    for snd in plan['stops']:
        if snd['held']:
            raise Reject('%s() holds a lock (%s()) where it would now wait '
                         'for the thread to end' % (snd['func'],
                                                    snd['held'][0]))
    sigs = {s['sig'] for s in plan['stops']}
    if None in sigs:
        raise Reject('the stop signal is not a SIG* constant')
    plan['K'] = sigs
    plan['seqs'] = [sequence(f, s) for s in plan['stops']]
    flags = {}
    for q in plan['seqs']:
        for key, how, st in q['raises']:
            if flags.setdefault(key, how) != how:
                raise Reject('the stop paths set the flag both ways')
    loops = [n for n, st in enumerate(tops)
             if loop_parts(st) and (count_sig(st) or
                                    any(reads(st, k) for k in flags))]
    if len(loops) != 1:
        raise Reject('no loop of the thread tests for the stop request'
                     if not loops else 'several loops of the thread test '
                     'for the stop request')
    li = loops[0]
    if li == len(tops) - 1:
        raise Reject('the thread ends without a return after its loop')
    for st in tops[:li] + tops[li + 1:-1]:
        if has_exit(st):
            raise Reject('the thread can end before it is asked to stop')
        if count_sig(st):
            raise Reject('the thread tests signal_pending() outside its '
                         'loop')
    plan['flags'] = flags
    loop_shape(f, plan, tops[li])
    # Flags raised next to the signal but not tested by the loop are not
    # stop requests: they stay, and so do their writes.
    used = set()
    for k in plan['conds']:
        for key in flags:
            if reads(list(k[1]), key):
                used.add(key)
    for key in list(flags):
        if key not in used:
            del flags[key]
            for q in plan['seqs']:
                q['raises'] = [r for r in q['raises'] if r[0] != key]
    for key in flags:
        for st in tops[:li] + tops[li + 1:]:
            if reads(st, key):
                raise Reject('the thread reads the stop flag outside its '
                             'loop')
    signals(f, plan, tops[li])
    ending(f, plan, tops, li)


def sequence(f, s):
    """What around a stop signal belongs to the stop: flags raised right
    before or after it, a wake-up of the task, the wait for its end."""
    q = {'send': s, 'raises': [], 'wait': None, 'wake': [],
         'stopped': False}
    before = list(s['before'])
    while before:
        st = before[-1]
        call = call_stmt(st)
        if call and call[0] in BARRIERS and not call[1]:
            before.pop()
            continue
        r = flag_of_set(st)
        k = flag_of_clear(st) if not r else None
        if not r and not k:
            break
        q['raises'].append((r[0] if r else k, 'set' if r else 'clear', st))
        before.pop()
    for st in s['after']:
        call = call_stmt(st)
        r = flag_of_set(st)
        k = flag_of_clear(st) if not r else None
        if r or k:
            q['raises'].append((r[0] if r else k, 'set' if r else 'clear',
                                st))
            continue
        if call and call[0] == 'wake_up_process' and len(call[1]) == 1 and \
                lvalue_key(call[1][0]) == s['key']:
            q['wake'].append(st)
            continue
        if call and call[0] == 'kthread_stop' and len(call[1]) == 1 and \
                lvalue_key(call[1][0]) == s['key']:
            # Already stopped right after: the signal only goes.
            q['stopped'] = True
            break
        if call and (call[0] in BARRIERS or LOGGING.match(call[0]) or
                     call[0] in WAKEUPS):
            continue
        ck = completion_of(st, ('wait_for_completion',))
        if ck and len(call[1]) == 1:
            q['wait'] = ('completion', ck, st)
        else:
            w = analyse_wait(st)
            if w and w[0] in ('spin', 'event') and w[2] == 'done':
                q['wait'] = ('flag', w[1], st)
        break
    return q


def stop_terms(ts, flags, joiner, want):
    """Split a condition at joiner into stop tests and other terms. want
    is 'pending' for a test true once the stop is asked (the || of a
    break), 'running' for a test true until then (the && of a loop)."""
    stop, other = [], []
    for t in split_top(strip_parens(ts), joiner):
        t2 = strip_parens(t)
        neg = t2[:1] == ['!']
        inner = strip_parens(t2[1:]) if neg else t2
        if inner in (SIGTEST, STOPTEST) and neg == (want == 'running'):
            stop.append(t)
            continue
        r = test_of(t)
        if r and r[0] in flags and (r[1] == flags[r[0]]) == \
                (want == 'pending'):
            stop.append(t)
            continue
        other.append(t)
    return stop, other


def in_order(cond, stop, other, joiner, word):
    """The condition with its stop tests replaced by word (once), the
    other terms kept in their order."""
    terms, done = [], False
    for t in split_top(strip_parens(cond), joiner):
        if t in stop:
            if not done:
                terms.append(word)
                done = True
        else:
            terms.append(text(t))
    return (' %s ' % joiner).join(terms)


def quiet(st):
    """A statement that may come before the break of a stop test."""
    call = call_stmt(st)
    return bool(call) and (LOGGING.match(call[0]) is not None or
                           st == FLUSH)


def loop_shape(f, plan, loop):
    """The loop: its stop tests, its other ways out, its sleeps."""
    flags = plan['flags']
    kind, cond, (bs, be) = loop_parts(loop)
    inner = unbrace(loop[bs:be])
    accounted = 0
    cond = strip_parens(cond)
    if not (kind == 'for' and not cond) and cond not in (['1'], ['true']):
        stop, other = stop_terms(cond, flags, '&&', 'running')
        if stop:
            n = len(cond)
            body = plan['body']
            if sum(1 for k in range(len(body)) if body[k:k + n] == cond) != 1:
                raise Reject('the loop condition also appears elsewhere in '
                             'the thread')
            plan['conds'][('loop', tuple(cond))] = in_order(
                cond, stop, other, '&&', '!kthread_should_stop()')
            accounted += count_sig(cond)
        if other:
            plan['park'] = True
    stmts = statements(inner)
    breaks = []
    for s, e in stmts:
        st = inner[s:e]
        parts = if_parts(st)
        if not parts or parts[2] is not None:
            continue
        branch = unbrace(parts[1])
        bsts = [branch[a:b] for a, b in statements(branch)]
        if not bsts or bsts[-1] != ['break', ';'] or \
                not all(quiet(x) for x in bsts[:-1]):
            continue
        breaks.append((s, e))
        stop, other = stop_terms(parts[0], flags, '||', 'pending')
        if other:
            plan['park'] = True
        if not stop:
            continue
        accounted += count_sig(parts[0])
        for x in bsts[:-1]:
            if x == FLUSH:
                put(plan, plan['fn'], x, None)
        plan['conds'][('if', tuple(parts[0]), tuple(parts[1]))] = in_order(
            parts[0], stop, other, '||', 'kthread_should_stop()')
    found = []
    visit(inner, 0, len(inner), 0,
          lambda a, b, d: found.append(a) if d == 0 and
          inner[a:b] == ['break', ';'] else None)
    if any(not any(s <= a < e for s, e in breaks) for a in found):
        plan['park'] = True
    if has_exit(inner):
        raise Reject('the thread can end from inside its loop')
    # Work tests: signal_pending(), then flush_signals() and some work.
    for st in all_statements(inner):
        parts = if_parts(st)
        if not parts or parts[2] is not None or \
                strip_parens(parts[0]) != SIGTEST:
            continue
        branch = unbrace(parts[1])
        bsts = [branch[a:b] for a, b in statements(branch)]
        if not bsts or bsts[0] != FLUSH or 'break' in branch or \
                count_sig(branch):
            continue
        plan['work'].append((st, bsts))
        accounted += 1
    inspect = calls_in(plan['body']) & SIGNAL_INSPECT
    if inspect:
        raise Reject('the thread calls %s(), which this rule does not '
                     'follow' % sorted(inspect)[0])
    if accounted != count_sig(plan['body']):
        raise Reject('signal_pending() is tested in a way this rule does '
                     'not follow')
    if not calls_in(inner) - BARRIERS - {'cpu_relax'}:
        raise Reject('the thread spins without sleeping')
    for name, args in call_sites(inner):
        if name in BLOCKING:
            raise Reject('the thread sleeps in %s(), which kthread_stop() '
                         'cannot end' % name)
        if name in OLD_SLEEPS:
            raise Reject('the thread sleeps in %s(), which is gone' % name)
        if UNTIMED_WAITS.match(name) and len(args) == 2:
            wc = strip_parens(args[1])
            if count_sig(wc):
                raise Reject('the thread waits on signal_pending()')
            stop, other = stop_terms(wc, flags, '||', 'pending')
            if any(strip_parens(t) == STOPTEST for t in stop):
                continue
            if stop:
                plan['waits'][tuple(args[1])] = in_order(
                    wc, stop, other, '||', 'kthread_should_stop()')
            elif any(t in ('?', '=', ',') for t in wc):
                raise Reject('the thread waits on a condition this rule '
                             'does not extend')
            else:
                plan['waits'][tuple(args[1])] = \
                    text(wc) + ' || kthread_should_stop()'
    lost_wakeup_check(plan, inner)


def lost_wakeup_check(plan, inner):
    """A plain schedule() sleeps through a stop request made between the
    stop test and the change of the task state: the state must be set
    before the test."""
    plain = sum(1 for k in range(len(inner) - 3)
                if inner[k:k + 4] == ['schedule', '(', ')', ';'])
    if not plain:
        return
    tops = [inner[s:e] for s, e in statements(inner)]
    sleeps = [n for n, st in enumerate(tops)
              if st == ['schedule', '(', ')', ';']]
    states = [n for n, st in enumerate(tops)
              if call_stmt(st) and call_stmt(st)[0] == 'set_current_state']
    tests = [n for n, st in enumerate(tops) if if_parts(st) and
             ('if', tuple(if_parts(st)[0]), tuple(if_parts(st)[1]))
             in plan['conds']]
    if len(sleeps) == plain and states and tests and \
            states[0] < tests[0] < sleeps[0]:
        return
    raise Reject('the thread tests for the stop request before it sets its '
                 'task state, so a kthread_stop() could be lost')


def signals(f, plan, loop):
    """Drop the signal plumbing that only served stopping."""
    pre, fn = plan['pre'], plan['fn']
    work_sigs = pre['allowed'] - plan['K']
    if plan['work'] and work_sigs:
        # A signal is also used for work: the thread keeps that one.
        if pre['mask']:
            raise Reject('the signal mask also lets in %s, which the '
                         'thread uses for work' % ', '.join(
                             sorted(work_sigs)))
        if pre['wrapped'] & work_sigs:
            raise Reject('%s is let in by a wrapper macro' %
                         ', '.join(sorted(pre['wrapped'] & work_sigs)))
        plan['kept_signals'] = sorted(work_sigs)
        for sig, st in pre['allow']:
            if sig in plan['K']:
                put(plan, fn, st, None)
        return
    for st, bsts in plan['work']:
        if len(bsts) != 1:
            raise Reject('the thread does work when it gets the stop '
                         'signal')
        put(plan, fn, st, None)
    for sig, st in pre['allow']:
        put(plan, fn, st, None)
    for st in pre['mask'] + pre['flush']:
        put(plan, fn, st, None)
    for st in all_statements(loop):
        if st == FLUSH:
            put(plan, fn, st, None)


def ending(f, plan, tops, li):
    """How the thread ends, and whether that is what the stop paths
    wait for."""
    end = tops[-1]
    prev = tops[-2] if len(tops) - 2 > li else None
    call = call_stmt(end)
    e = {'stmt': end, 'completion': None, 'value': None, 'complete': None,
         'kind': None, 'name': None}
    if call and call[0] in ('complete_and_exit', 'kthread_complete_and_exit') \
            and len(call[1]) == 2 and call[1][0][:1] == ['&']:
        e.update({'kind': 'cae', 'completion': lvalue_key(call[1][0][1:]),
                  'value': call[1][1], 'name': call[0]})
    elif call and call[0] in ('do_exit', 'kthread_exit') and \
            len(call[1]) == 1:
        e.update({'kind': 'exit', 'value': call[1][0]})
    elif end[:1] == ['return'] and len(end) > 2:
        e.update({'kind': 'return', 'value': end[1:-1]})
        if prev and completion_of(prev, ('complete',)) and \
                len(call_stmt(prev)[1]) == 1:
            e['completion'] = completion_of(prev, ('complete',))
            e['complete'] = prev
    else:
        raise Reject('the thread does not end with a return, do_exit() or '
                     'complete_and_exit()')
    plan['end'] = e
    for st in tops[li + 1:-1]:
        r = flag_of_set(st)
        if r:
            plan['exit_sets'][r[0]] = st
    for q in plan['seqs']:
        w = q['wait']
        if w and ((w[0] == 'completion' and w[1] != e['completion']) or
                  (w[0] == 'flag' and w[1] not in plan['exit_sets'])):
            q['wait'] = None


# ---------------------------------------------------------------------
# A legacy daemon nobody stops with a signal: its start is converted,
# and what the target kernel lacks goes.

def unstopped(f, plan):
    fn = plan['fn']
    for st in all_statements(plan['body']):
        call = call_stmt(st)
        if not call:
            continue
        if call[0] in ('module_put_and_exit', 'module_put_and_kthread_exit'):
            raise Reject('the thread ends with %s()' % call[0])
        if call[0] in ('do_exit', 'kthread_exit') and len(call[1]) == 1:
            put(plan, fn, st, 'return %s;' % text(call[1][0]))
        if call[0] in ('complete_and_exit', 'kthread_complete_and_exit') \
                and len(call[1]) == 2 and call[0] != cae_name():
            put(plan, fn, st, '%s(%s, %s);' % (
                cae_name(), text(call[1][0]), text(call[1][1])))


# ---------------------------------------------------------------------
# Starting the thread: its name, its task pointer, the check.

def new_name(f, old, fn):
    cands = []
    if 'pid' in old:
        cands.append(old.replace('pid', 'task'))
    cands += [old + '_task', fn + '_task']
    taken = set(f.raw or [])
    for c in cands:
        if c not in taken:
            return c
    raise Reject('no free name for the task pointer')


def renamed(ts, rename):
    if not rename:
        return list(ts)
    where, old, new = rename
    out = list(ts)
    for k, t in enumerate(out):
        if t == old and (k > 0 and out[k - 1] in ('->', '.')) == \
                (where == 'm'):
            out[k] = new
    return out


def starting(f, plan, approved):
    cr, fn, c = plan['cr'], plan['fn'], plan['creation']
    stoppable_ = bool(plan['stops'])
    pub = plan['publish']
    target_key = plan['target_key']
    starter = f.funcs[c['func']]
    pid_keys = {s['key'] for s in plan['sends'] if s['by'] == 'pid'}
    task_keys = {s['key'] for s in plan['sends'] if s['by'] == 'task'}
    if not plan['legacy']:
        # Already a kthread: the signal must go to the kthread_run()
        # result, which kthread_stop() takes as it is.
        if target_key is None or plan['local_target'] or pid_keys or \
                task_keys != {target_key}:
            raise Reject('the signal is not sent to the task pointer '
                         'that starting the thread stores')
        plan['task'] = cr['target']
        sends_to_stops(f, plan)
        return
    name = thread_name(f, plan)
    data = text(cr['args'][1]) if len(cr['args']) > 1 else 'NULL'
    call = 'kthread_run(%s, %s, %s)' % (fn, data, ', '.join(name))
    if pid_keys and task_keys:
        raise Reject('the thread is signalled both through its pid and '
                     'through its task')
    if pid_keys - {target_key}:
        raise Reject('the signal is sent to a pid the start does not store')
    if task_keys and (not pub or task_keys != {pub[0]}):
        raise Reject('the signal is sent to a task pointer the thread does '
                     'not publish')
    if target_key and not plan['local_target']:
        if pub and stoppable_:
            raise Reject('the thread has both a pid variable and a task '
                         'pointer')
        where, old = key_name(target_key)
        plan['rename'] = (where, old, new_name(f, old, fn))
        plan['task'] = renamed(cr['target'], plan['rename'])
    elif pub and stoppable_:
        plan['task'] = reach_published(f, plan, pub)
        put(plan, fn, pub[2], None)
        for st in plan['tops']:
            if flag_of_clear(st) == 'v:' + pub[0]:
                put(plan, fn, st, None)
    elif stoppable_:
        raise Reject('the thread start keeps nothing to stop it with')
    task = text(plan['task']) if plan['task'] else None
    shape = cr['shape']
    if shape == 'drop':
        plan['create'] = ('drop', '%s = %s' % (task, call) if task else call)
        if task and stoppable_:
            need_check(f, plan, approved)
    elif shape == 'store':
        if task:
            plan['create'] = ('store', '%s = %s' % (task, call))
            if cr['check']:
                plan['check'] = (text(cr['target']), task)
                log_formats(plan, cr['check'], cr['target'], task)
            elif stoppable_:
                need_check(f, plan, approved)
        else:
            if TARGET[0] < (3, 12):
                raise Reject('the start result would need PTR_ERR_OR_ZERO(), '
                             'which the target kernel lacks')
            plan['create'] = ('store', '%s = PTR_ERR_OR_ZERO(%s)'
                              % (text(cr['target']), call))
        if plan['local_target']:
            name_ = plan['target_key'][2:]
            total = uses(starter['body'], 'g', name_)
            known = uses(cr['stmt'], 'g', name_) + \
                (uses(cr['check'], 'g', name_) if cr['check'] else 0)
            if total != known + 1:
                raise Reject('the start result %s is used for more than '
                             'its check' % name_)
            if task:
                if not cr['check']:
                    raise Reject('the start result %s is not checked'
                                 % name_)
                plan['drop_local'] = (c['func'], name_)
    elif shape == 'iftest':
        if task:
            plan['create'] = ('iftest', '%s = %s' % (task, call),
                              'IS_ERR(%s)' % task)
        else:
            plan['create'] = ('iftest', None, 'IS_ERR(%s)' % call)
    sends_to_stops(f, plan)


CONVERSION = re.compile(r'%%|%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?'
                        r'(hh|h|ll|l|z|t|j)?([a-zA-Z])')


def log_formats(plan, check, target, task):
    """In the failure branch, the pid printed with %d becomes PTR_ERR()
    of the task, a long: print it with %ld."""
    func = plan['creation']['func']
    branch = if_parts(check)[1]
    for st in all_statements(branch):
        call = call_stmt(st)
        if not call or not LOGGING.match(call[0]):
            continue
        args = call[1]
        hits = [n for n, a in enumerate(args)
                if strip_parens(a) in (target, ['-'] + target)]
        if not hits:
            continue
        fmt_at = 1 if call[0].startswith('dev_') else 0
        fmt = [t for t in args[fmt_at] if t.startswith('"')] \
            if len(args) > fmt_at else []
        if len(fmt) != 1 or any(a != strip_parens(a) for a in args):
            raise Reject('the start error is printed in a way this rule '
                         'does not rewrite')
        convs = [m for m in CONVERSION.finditer(fmt[0])
                 if m.group(0) != '%%']
        if any(m.group(1) == '*' or m.group(3) == '*' for m in convs) or \
                len(convs) != len(args) - fmt_at - 1:
            raise Reject('the start error is printed with a format this '
                         'rule does not follow')
        new = fmt[0]
        for n in sorted(hits, reverse=True):
            m = convs[n - fmt_at - 1]
            if m.group(5) not in 'di' or m.group(4):
                raise Reject('the start error is printed with %s'
                             % m.group(0))
            new = new[:m.start()] + m.group(0)[:-1] + 'l' + \
                m.group(0)[-1] + new[m.end():]
        ts = [t if t != fmt[0] else new for t in st]
        put(plan, func, st, text(renamed_args(ts, target, task)))


def renamed_args(ts, target, task):
    """ts with every use of the pid target replaced by PTR_ERR(task)."""
    out, k, n = [], 0, len(target)
    while k < len(ts):
        if ts[k:k + n] == target and (k == 0 or ts[k - 1] not in
                                      ('->', '.')) and \
                ts[k + n:k + n + 1] not in (['->'], ['.']):
            out += ['PTR_ERR', '('] + toks(task) + [')']
            k += n
        else:
            out.append(ts[k])
            k += 1
    return out


def reach_published(f, plan, pub):
    """The task pointer the thread publishes, as the starting code can
    reach it."""
    key, lv, st = pub
    parts = split_lvalue(lv)
    if not parts[0]:
        if is_local(f.funcs[plan['fn']], lv[0]):
            raise Reject('the thread publishes its task in a local')
        return lv
    aliases = aliases_of(f, plan['fn'], plan['tops'])
    if len(parts[0]) != 1 or parts[0][0] not in aliases:
        raise Reject('the thread publishes its task where the starting '
                     'code cannot reach it')
    data = strip_parens(plan['cr']['args'][1]) \
        if len(plan['cr']['args']) > 1 else []
    return through_data(lv, aliases, data)


def need_check(f, plan, approved):
    """An IS_ERR() test after a start that had none: only where an error
    can be returned and nothing before needs undoing, or only other
    thread starts rewritten here, which are stopped again."""
    c = plan['creation']
    starter = f.funcs[c['func']]
    if starter['ret'] != 'int':
        raise Reject('the thread is started in %s(), which cannot return '
                     'an error' % c['func'])
    ts = starter['body']
    start = plan['cr']['start']
    undo = []
    for s, e in statements(ts):
        if e > start:
            if s < start:
                raise Reject('the thread is started inside a block; an '
                             'error check would need unwinding')
            break
        st = ts[s:e]
        parts = if_parts(st)
        if parts and parts[2] is None and ('return' in parts[1] or
                                           'goto' in parts[1]):
            names = calls_in(parts[0])
        else:
            names = calls_in(st)
        for n in names:
            if n in CREATORS:
                other = [p for p in approved.values()
                         if p['creation']['func'] == c['func'] and
                         p['task'] and p['cr']['start'] == s]
                if not other:
                    raise Reject(UNWIND)
                undo.insert(0, text(other[0]['task']))
            elif needs_undo(n):
                raise Reject(UNWIND)
    t = text(plan['task'])
    lines = ''.join('kthread_stop(%s);\n' % u for u in undo)
    if lines:
        plan['addcheck'] = 'if (IS_ERR(%s)) {\n%sreturn PTR_ERR(%s);\n}' % (
            t, lines, t)
    else:
        plan['addcheck'] = 'if (IS_ERR(%s))\nreturn PTR_ERR(%s);' % (t, t)


UNWIND = 'starting the thread follows code that would need undoing if it ' \
    'failed'


def needs_undo(name):
    return name not in HARMLESS and not LOGGING.match(name) and \
        name not in ('IS_ERR', 'PTR_ERR', 'ERR_PTR', 'init_completion',
                     'reinit_completion', 'sizeof')


def sends_to_stops(f, plan):
    """The stop signal (and what belongs to it) becomes kthread_stop(),
    a work signal sent by pid becomes send_sig() on the task."""
    rename = plan['rename']
    for q in plan['seqs']:
        s = q['send']
        h = renamed(s['handle'], rename) if s['by'] == 'pid' \
            else s['handle']
        put(plan, s['func'], s['stmt'], None if q['stopped'] else
            'kthread_stop(%s);' % text(h))
        for key, how, st in q['raises']:
            put(plan, s['func'], st, None)
        for st in q['wake']:
            n = count_stmt(f.funcs[s['func']]['body'], st)
            if n == sum(1 for q2 in plan['seqs'] if st in q2['wake']):
                put(plan, s['func'], st, None)
    for s in plan['sends']:
        if s['stop']:
            continue
        if not plan['stops']:
            raise Reject('the thread is sent %s but nothing stops it, so '
                         'its task may be gone by then' % s['sig'])
        if s['sig'] not in plan['kept_signals']:
            raise Reject('%s is sent to the thread, which does not use it '
                         'for work' % s['sig'])
        if s['by'] == 'pid':
            put(plan, s['func'], s['stmt'], 'send_sig(%s, %s, 1);' % (
                s['sig'], text(renamed(s['handle'], rename))))
    if rename:
        check_pid_uses(f, plan)


PID_TESTS = [([], ['>', '0'], '!IS_ERR_OR_NULL(%s)'),
             ([], ['!=', '0'], '!IS_ERR_OR_NULL(%s)'),
             ([], ['>=', '0'], '!IS_ERR(%s)'),
             ([], ['<', '0'], 'IS_ERR(%s)'),
             ([], ['<=', '0'], 'IS_ERR_OR_NULL(%s)'),
             ([], ['==', '0'], 'IS_ERR_OR_NULL(%s)'),
             (['!'], [], 'IS_ERR_OR_NULL(%s)'),
             ([], [], '!IS_ERR_OR_NULL(%s)')]


def pid_tests(plan, func, ts, starting_here):
    """Tests of the pid in if conditions (pid > 0: started) become tests
    of the task pointer, resets (pid = 0;) set it to NULL; returns how
    many uses of the pid they account for."""
    where, old = plan['rename'][:2]
    key = plan['target_key']
    cr = plan['cr']
    n = 0
    for st in all_statements(ts):
        if cr['check'] is not None and starting_here and st == cr['check']:
            continue
        if st[-1:] == [';'] and st != cr['stmt'] and not if_parts(st):
            sides = split_top(st[:-1], '=')
            if len(sides) == 2 and lvalue_key(sides[0]) == key and \
                    strip_parens(sides[1]) in (['0'], ['-', '1']):
                put(plan, func, st, '%s = NULL;' % text(renamed(
                    strip_parens(sides[0]), plan['rename'])))
                n += uses(st, where, old)
            continue
        parts = if_parts(st)
        if not parts:
            continue
        terms = [t for a in split_top(parts[0], '||')
                 for t in split_top(a, '&&')]
        for term in terms:
            t = strip_parens(term)
            for pre, post, form in PID_TESTS:
                lv = t[len(pre):len(t) - len(post)]
                if t[:len(pre)] != pre or t[len(t) - len(post):] != post or \
                        not lv or lvalue_key(lv) != key or \
                        split_lvalue(lv) is None:
                    continue
                if starting_here:
                    raise Reject('the pid is tested in %s(), which starts '
                                 'the thread' % func)
                if not pre and not post and \
                        uses(ts, where, old) != uses(st, where, old):
                    raise Reject('the pid is tested for truth next to other '
                                 'uses in %s()' % func)
                plan['exprs'][(func, tuple(t))] = form % text(
                    renamed(lv, plan['rename']))
                n += uses(t, where, old)
                break
    return n


def check_pid_uses(f, plan):
    """The pid variable becomes the task pointer: every use of it must be
    one this rule rewrites."""
    where, old, new = plan['rename']
    cr = plan['cr']
    total = 0
    for func, info in f.funcs.items():
        n = uses(info['body'], where, old)
        if not n:
            continue
        if '#' in info['body']:
            raise Reject('%s() uses the pid %s in code under #if; the '
                         'version ladder is left to the user' % (func, old))
        total += n
        known = sum(uses(s['stmt'], where, old) for s in plan['sends']
                    if s['func'] == func)
        starting_here = func == plan['creation']['func']
        if starting_here:
            known += uses(cr['stmt'], where, old)
            if cr['check']:
                known += uses(cr['check'], where, old)
        known += pid_tests(plan, func, info['body'], starting_here)
        if known != n:
            raise Reject('the pid %s is also used in %s()' % (old, func))
    if where == 'g':
        if old not in f.globals:
            raise Reject('the pid %s is not declared on its own at file scope'
                         % old)
        if f.raw is None or uses(f.raw, 'g', old) != total + 1:
            raise Reject('the pid %s is used outside the functions' % old)
        plan['decls'].append(('g', old, new))
    else:
        structs = f.fields.get(old, {})
        if len(structs) != 1:
            raise Reject('the pid member %s is declared in %d structures'
                         % (old, len(structs)))
        if f.raw is None or uses(f.raw, 'm', old) != total:
            raise Reject('the pid member %s is used outside the functions'
                         % old)
        plan['decls'].append(('m', old, new, list(structs)[0]))


# ---------------------------------------------------------------------
# Once a thread is settled: the completion, exit flag and stop flags
# that nothing uses any more, the thread end.

def commit(f, plan):
    fn = plan['fn']
    pre = plan['pre']
    if pre['daemonize']:
        put(plan, fn, pre['daemonize'], None)
    for st in pre['lock'] + pre['nofreeze']:
        put(plan, fn, st, None)
    if not plan['stops']:
        return
    e = plan['end']
    waits = [q for q in plan['seqs'] if q['wait']]
    if e['completion'] and completion_removable(f, plan, e['completion']):
        for q in waits:
            if q['wait'][0] == 'completion':
                put(plan, q['send']['func'], q['wait'][2], None)
        if e['kind'] == 'cae':
            put(plan, fn, e['stmt'], 'return %s;' % text(e['value']))
        else:
            put(plan, fn, e['complete'], None)
    elif e['kind'] == 'cae' and e['name'] != cae_name():
        put(plan, fn, e['stmt'], '%s(%s, %s);' % (
            cae_name(), text(call_stmt(e['stmt'])[1][0]), text(e['value'])))
    if e['kind'] == 'exit':
        put(plan, fn, e['stmt'], 'return %s;' % text(e['value']))
    for key, st in plan['exit_sets'].items():
        qs = [q for q in waits if q['wait'][0] == 'flag' and
              q['wait'][1] == key]
        if qs:
            drop_flag(f, plan, key, [q['wait'][2] for q in qs], False)
            for q in qs:
                if (q['send']['func'], tuple(q['wait'][2])) in \
                        plan['stmts'] or plan.get('flag_gone', {}).get(key):
                    put(plan, q['send']['func'], q['wait'][2], None)
    for key in plan['flags']:
        drop_flag(f, plan, key, [], True)


def known_uses(f, where, name, known):
    """Uses of where/name in the functions outside the statements known;
    -1 when the file has uses the parsed functions do not show."""
    total = sum(uses(info['body'], where, name) for info in f.funcs.values())
    k = sum(uses(st, where, name) for st in known)
    if f.raw is None:
        return -1
    decls = 1 if where == 'g' else len(f.fields.get(name, {}))
    if uses(f.raw, where, name) + (decls if where == 'm' else 0) != \
            total + decls:
        return -1
    return total - k


def completion_removable(f, plan, key):
    where, name = key_name(key)
    if where == 'g' and name not in f.completions and \
            f.globals.get(name) != ['struct', 'completion']:
        return False
    if where == 'm' and (len(f.fields.get(name, {})) != 1 or
                         list(f.fields[name].values())[0] !=
                         ['struct', 'completion']):
        return False
    e = plan['end']
    known = [q['wait'][2] for q in plan['seqs']
             if q['wait'] and q['wait'][0] == 'completion']
    known.append(e['complete'] or e['stmt'])
    inits = []
    for func, info in f.funcs.items():
        for st in all_statements(info['body']):
            if completion_of(st, ('init_completion', 'reinit_completion')) \
                    == key and len(call_stmt(st)[1]) == 1:
                known.append(st)
                inits.append((func, st))
    if known_uses(f, where, name, known) != 0:
        return False
    for func, st in inits:
        put(plan, func, st, None)
    if where == 'g':
        plan['completions'].append(name)
        if name not in f.completions:
            plan['drop_globals'].append(name)
    else:
        plan['fields'].append((name, list(f.fields[name])[0]))
    return True


def drop_flag(f, plan, key, waits, required):
    """Drop a flag that only served the stop: its writes everywhere, the
    statements in waits, its declaration. A stop flag (required) that has
    other uses makes the whole rewrite fail; an exit flag just stays."""
    where, name = flag_storage(key)
    known = list(waits)
    if required:
        known += [list(k[1]) for k in plan['conds']]
        known += [list(k) for k in plan['waits']]
    writes = []
    for func, info in f.funcs.items():
        for st in all_statements(info['body']):
            if flag_write(st) != key:
                continue
            raising = required and func != plan['fn'] and \
                (flag_of_set(st) is not None) == (plan['flags'][key] == 'set')
            if raising and not any(st == r[2] for q in plan['seqs']
                                   for r in q['raises']):
                raise Reject('the stop flag %s is raised in %s() without '
                             'stopping the thread' % (name, func))
            known.append(st)
            writes.append((func, st))
    if known_uses(f, where, name, known) != 0:
        if required:
            raise Reject('the stop flag %s is used for more than stopping'
                         % name)
        return
    plan.setdefault('flag_gone', {})[key] = True
    for func, st in writes:
        put(plan, func, st, None)
    if where == 'g':
        if name not in f.globals:
            raise Reject('the flag %s is not declared at file scope' % name)
        plan['drop_globals'].append(name)
    elif len(f.fields.get(name, {})) == 1:
        plan['fields'].append((name, list(f.fields[name])[0]))


def consistent(f, plans):
    """A statement text the rewrites touch in a function must mean the
    same to every thread."""
    seen = {}
    for plan in plans:
        for k, v in plan['stmts'].items():
            if k in seen and seen[k] != v:
                raise Reject('two threads need the same statement rewritten '
                             'differently')
            seen[k] = v


def merge(f, plans):
    """Gather the approved rewrites into the tables the rules read."""
    d = f.decision
    for plan in plans:
        fn = plan['fn']
        d['plans'].append(plan)
        d['legacy'] = d['legacy'] or plan['legacy']
        d['stmts'].update(plan['stmts'])
        for k, v in plan['conds'].items():
            d['conds'][(fn,) + k] = v
        for k, v in plan['waits'].items():
            d['waits'][(fn, k)] = v
        for (func, e), v in plan['exprs'].items():
            d['conds'][(func, 'loop', e)] = v
        if plan['legacy']:
            d['creations'][fn] = plan['create']
        if plan.get('check'):
            d['checks'][fn] = (plan['check'][0], plan['check'][1],
                               plan['creation']['func'])
        if plan.get('addcheck'):
            d['addchecks'][fn] = (text(plan['task']), plan['addcheck'])
        for decl in plan['decls']:
            if decl[0] == 'g':
                d['globals'][decl[1]] = ('replace', decl[2])
            else:
                d['fields'][(decl[3], decl[1])] = ('replace', decl[2])
        d['completions'] |= set(plan['completions'])
        for name in plan['drop_globals']:
            d['globals'][name] = ('drop', None)
        for name, struct in plan['fields']:
            d['fields'][(struct, name)] = ('drop', None)
        if plan.get('drop_local'):
            d['locals'].add(plan['drop_local'])
        if plan['park']:
            d['parks'].add(fn)
    # The new task pointers take the place of the first declarations that
    # go: spatch drops the blank line above a first declaration it removes.
    gone = sorted(d['globals'], key=lambda n: f.global_lines.get(n, 0))
    tasks = [d['globals'][n][1] for n in gone if d['globals'][n][0] ==
             'replace']
    for n, name in enumerate(gone):
        d['globals'][name] = ('replace', tasks[n]) if n < len(tasks) \
            else ('drop', None)


# ---------------------------------------------------------------------
# Handing the decision to the rewriting rules.

def decision():
    f = facts()
    return decide(f) if f is not None else None


def touched(func, table):
    """Whether the decision rewrites something of func in one of its
    tables (keyed by function first): the candidate rules search only
    those functions, which is slow in large ones."""
    d = decision()
    return bool(d) and any(k[0] == func for k in d[table])


def stmt_wanted(s):
    d = decision()
    if not d:
        return False
    ts = tuple(toks(s))
    return bool(ts) and any(k[1] == ts for k in d['stmts'])


def stmt_action(func, s):
    d = decision()
    k = (func, tuple(toks(s)))
    if d and k in d['stmts']:
        v = d['stmts'][k]
        return ('del', None) if v is None else ('repl', v)
    return None


def compound(s):
    ts = toks(s)
    return bool(ts) and ts[0] in ('if', '{', 'while', 'for', 'do', 'switch')


def cond_wanted(e):
    d = decision()
    ts = tuple(toks(e))
    return bool(d) and any(k[2] == ts for k in d['conds'])


def cond_action(func, kind, e, branch=None):
    d = decision()
    if not d:
        return None
    if kind == 'loop':
        return d['conds'].get((func, 'loop', tuple(toks(e))))
    return d['conds'].get((func, 'if', tuple(toks(e)), tuple(toks(branch))))


def wait_wanted(e):
    d = decision()
    ts = tuple(toks(e))
    return bool(d) and any(k[1] == ts for k in d['waits'])


def first_time(*what):
    f = facts()
    if what in f.handed:
        return False
    f.handed.add(what)
    return True


# ---------------------------------------------------------------------
# Findings, for the report, org and explain modes.

def findings(f):
    d = decide(f)
    out = []
    for plan in d['plans']:
        fn = plan['fn']
        if plan['stops']:
            how = ', '.join(plan['sigs'])
            where = ', '.join('%s()' % s for s in plan['stoppers'])
            if plan['legacy']:
                msg = 'legacy daemon %s() is started with kernel_thread() ' \
                    'and stopped with %s from %s; use kthread_run(), ' \
                    'kthread_should_stop() and kthread_stop()' % (
                        fn, how, where)
            else:
                msg = 'kthread %s() is stopped with %s from %s; use ' \
                    'kthread_should_stop() and kthread_stop()' % (
                        fn, how, where)
            if plan['park']:
                msg += '; it can leave its loop on its own, so it waits ' \
                    'there to be stopped'
        else:
            msg = 'legacy daemon %s() is started with kernel_thread(); use ' \
                'kthread_run() (nothing stops it with a signal)' % fn
        out.append((plan['pos'], 'WARNING: ' + msg))
        if plan['kept_signals']:
            out.append((work_position(f, plan),
                        'WARNING: %s() still relies on %s for work; that '
                        'signal code is kept' % (
                            fn, ', '.join(plan['kept_signals']))))
    for pos, fn, why, legacy in d['refused']:
        out.append((pos, 'WARNING: %s %s() not rewritten: %s'
                    % ('legacy daemon' if legacy else 'kthread', fn, why)))
    out.sort(key=lambda x: (int(x[0][0].line), int(x[0][0].column), x[1]))
    return out


def work_position(f, plan):
    """Position of the signal_pending() of the first work test."""
    body = plan['body']
    occ = [k for k in range(len(body) - 3) if body[k:k + 4] == SIGTEST]
    first = None
    for st, bsts in plan['work']:
        for k in occ:
            if body[k - 2:k - 2 + len(st)] == list(st):
                first = k if first is None else min(first, k)
    pos = f.sigpos.get(plan['fn'], [])
    if first is not None and len(pos) == len(occ):
        return pos[occ.index(first)][1]
    return pos[0][1] if pos else plan['pos']


def refusals(f):
    return [x for x in findings(f) if ' not rewritten: ' in x[1]]

// ---------------------------------------------------------------------
// Facts: thread starts, every function, file-scope and member
// declarations, signal tests.

// Spelled out, not an identifier set, so that spatch derives a grep query
// from the names and only parses files that start a thread.
@creation@
identifier fn;
expression list args;
position pc;
@@

(
kernel_thread@pc(fn, args)
|
kthread_run@pc(fn, args)
|
kthread_create@pc(fn, args)
|
kthread_create_on_node@pc(fn, args)
)

@creation_name@
identifier creation.fn;
position creation.pc;
identifier creator;
@@

creator@pc(fn, ...)

@script:python@
fn << creation.fn;
creator << creation_name.creator;
pc << creation.pc;
@@

note_creation(pc, fn, creator)

// The target kernel, when the driver names one (default 6.1).
@script:python depends on creation@
k << virtual.kernel;
@@

set_target(k)

@functions depends on creation@
identifier f;
type T;
parameter list PL;
statement list SL;
position p;
@@

T f@p(PL) { SL }

@script:python@
f << functions.f;
t << functions.T;
pl << functions.PL;
sl << functions.SL;
p << functions.p;
@@

note_function(p, f, t, pl, sl)

@globals depends on creation@
type T;
identifier I;
expression E;
position p;
@@

(
T I@p;
|
T I@p = E;
)

@script:python@
i << globals.I;
t << globals.T;
p << globals.p;
@@

note_global(p, i, t)

@completion_decl depends on creation@
declarer name DECLARE_COMPLETION;
identifier I;
@@

DECLARE_COMPLETION(I);

@script:python@
i << completion_decl.I;
@@

facts().completions.add(i)

@fields depends on creation@
identifier S, F;
type T;
@@

struct S { ... T F; ... };

@script:python@
s << fields.S;
fld << fields.F;
t << fields.T;
@@

note_field(s, fld, t)

@sigtests depends on creation@
symbol current;
position p;
@@

signal_pending@p(current)

@script:python@
p << sigtests.p;
@@

note_sigtest(p)

// ---------------------------------------------------------------------
// Candidates for the rewrites, keyed by function and text.

@cand_outer depends on creation@
identifier FUNC : script:python() { touched(FUNC, "stmts") };
statement S : script:python() { compound(S) and stmt_wanted(S) };
@@

FUNC(...) { <... S ...> }

@script:python ok_outer@
func << cand_outer.FUNC;
s << cand_outer.S;
F;
@@

act = stmt_action(func, s)
ok = act is not None and act[0] == 'del' and first_time('outer', func, s)
coccinelle.F = cocci.make_ident(func if ok else NO_NAME)

@cand_stmt depends on creation@
identifier FUNC : script:python() { touched(FUNC, "stmts") };
statement S : script:python() { not compound(S) and stmt_wanted(S) };
@@

FUNC(...) { <... S ...> }

@script:python ok_del@
func << cand_stmt.FUNC;
s << cand_stmt.S;
F;
@@

act = stmt_action(func, s)
ok = act is not None and act[0] == 'del' and first_time('del', func, s)
coccinelle.F = cocci.make_ident(func if ok else NO_NAME)

@script:python ok_repl@
func << cand_stmt.FUNC;
s << cand_stmt.S;
F;
NEW;
@@

act = stmt_action(func, s)
if act is not None and act[0] == 'repl' and first_time('repl', func, s):
    coccinelle.F = cocci.make_ident(func)
    coccinelle.NEW = cocci.make_stmt(act[1])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEW = cocci.make_stmt(NO_STMT)

// Loop conditions are rewritten wherever their text appears in the
// thread (the analysis checks it appears once): do ... while () cannot
// be matched as such.
@cand_loop depends on creation@
identifier FUNC : script:python() { touched(FUNC, "conds") };
expression E : script:python() { cond_wanted(E) };
@@

FUNC(...) {
  <...
  E
  ...>
}

@script:python ok_loop@
func << cand_loop.FUNC;
e << cand_loop.E;
F;
NEWE;
@@

new = cond_action(func, 'loop', e)
if new is not None and first_time('loop', func, e):
    coccinelle.F = cocci.make_ident(func)
    coccinelle.NEWE = cocci.make_expr(new)
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEWE = cocci.make_expr(NO_EXPR)

@cand_if depends on creation@
identifier FUNC : script:python() { touched(FUNC, "conds") };
expression E : script:python() { cond_wanted(E) };
statement S;
@@

FUNC(...) {
  <...
  if (E) S
  ...>
}

@script:python ok_if@
func << cand_if.FUNC;
e << cand_if.E;
s << cand_if.S;
F;
NEWE;
@@

new = cond_action(func, 'if', e, s)
if new is not None and first_time('if', func, e, s):
    coccinelle.F = cocci.make_ident(func)
    coccinelle.NEWE = cocci.make_expr(new)
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEWE = cocci.make_expr(NO_EXPR)

@cand_wait depends on creation@
identifier FUNC : script:python() { touched(FUNC, "waits") };
identifier we =~ "^wait_event";
expression WQ;
expression E : script:python() { wait_wanted(E) };
@@

FUNC(...) {
  <...
  we(WQ, E)
  ...>
}

@script:python ok_wait@
func << cand_wait.FUNC;
e << cand_wait.E;
F;
NEWE;
@@

d = decision()
new = d['waits'].get((func, tuple(toks(e)))) if d else None
if new is not None and first_time('wait', func, e):
    coccinelle.F = cocci.make_ident(func)
    coccinelle.NEWE = cocci.make_expr(new)
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEWE = cocci.make_expr(NO_EXPR)

@script:python ok_cr_drop@
fn << creation.fn;
F;
NEW;
@@

d = decision()
act = d['creations'].get(fn) if d else None
if act is not None and act[0] == 'drop' and first_time('drop', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.NEW = cocci.make_expr(act[1])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEW = cocci.make_expr(NO_EXPR)

@script:python ok_cr_store@
fn << creation.fn;
F;
NEW;
@@

d = decision()
act = d['creations'].get(fn) if d else None
if act is not None and act[0] == 'store' and first_time('store', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.NEW = cocci.make_expr(act[1])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.NEW = cocci.make_expr(NO_EXPR)

@script:python ok_cr_if@
fn << creation.fn;
F;
COND;
@@

d = decision()
act = d['creations'].get(fn) if d else None
if act is not None and act[0] == 'iftest' and act[1] is None and \
        first_time('iftest', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.COND = cocci.make_expr(act[2])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.COND = cocci.make_expr(NO_EXPR)

@script:python ok_cr_ifpre@
fn << creation.fn;
F;
PRE;
COND;
@@

d = decision()
act = d['creations'].get(fn) if d else None
if act is not None and act[0] == 'iftest' and act[1] is not None and \
        first_time('iftest_pre', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.PRE = cocci.make_expr(act[1])
    coccinelle.COND = cocci.make_expr(act[2])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.PRE = cocci.make_expr(NO_EXPR)
    coccinelle.COND = cocci.make_expr(NO_EXPR)

@script:python ok_check@
fn << creation.fn;
F;
X;
T;
@@

d = decision()
chk = d['checks'].get(fn) if d else None
if chk is not None and first_time('check', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.X = cocci.make_expr(chk[0])
    coccinelle.T = cocci.make_expr(chk[1])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.X = cocci.make_expr(NO_EXPR)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_addcheck@
fn << creation.fn;
F;
T;
CHK;
@@

d = decision()
add = d['addchecks'].get(fn) if d else None
if add is not None and first_time('addcheck', fn):
    coccinelle.F = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(add[0])
    coccinelle.CHK = cocci.make_stmt(add[1])
else:
    coccinelle.F = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)
    coccinelle.CHK = cocci.make_stmt(NO_STMT)

// The failure branch of the check: the pid it used is now PTR_ERR() of
// the task.
@script:python ok_fail@
fn << creation.fn;
FUNC;
X;
NEWX;
@@

d = decision()
chk = d['checks'].get(fn) if d else None
if chk is not None and first_time('fail', fn):
    coccinelle.FUNC = cocci.make_ident(chk[2])
    coccinelle.X = cocci.make_expr(chk[0])
    coccinelle.NEWX = cocci.make_expr('PTR_ERR(%s)' % chk[1])
else:
    coccinelle.FUNC = cocci.make_ident(NO_NAME)
    coccinelle.X = cocci.make_expr(NO_EXPR)
    coccinelle.NEWX = cocci.make_expr(NO_EXPR)

@script:python ok_park@
fn << creation.fn;
F;
@@

d = decision()
ok = bool(d) and fn in d['parks'] and first_time('park', fn)
coccinelle.F = cocci.make_ident(fn if ok else NO_NAME)

@cand_local depends on creation@
identifier FUNC : script:python() { touched(FUNC, "locals") };
identifier L;
type T;
@@

FUNC(...) {
  ... when any
  T L;
  ... when any
}

@script:python ok_local@
func << cand_local.FUNC;
l << cand_local.L;
F;
V;
@@

d = decision()
ok = bool(d) and (func, l) in d['locals'] and first_time('local', func, l)
coccinelle.F = cocci.make_ident(func if ok else NO_NAME)
coccinelle.V = cocci.make_ident(l if ok else NO_NAME)

@global_decl depends on creation@
type T;
identifier I;
expression E;
position p;
@@

(
T I@p;
|
T I@p = E;
)

@script:python ok_global@
i << global_decl.I;
p << global_decl.p;
DROP;
REPL;
TASK;
@@

d = decision()
act = d['globals'].get(i) if d and element(p) == i else None
coccinelle.DROP = cocci.make_ident(i if act and act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(i if act and act[0] == 'replace'
                                   else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] if act and act[1] else NO_NAME)

@script:python ok_completion@
i << completion_decl.I;
DROP;
@@

d = decision()
ok = bool(d) and i in d['completions']
coccinelle.DROP = cocci.make_ident(i if ok else NO_NAME)

@field_decl depends on creation@
identifier S, F;
type T;
@@

struct S { ... T F; ... };

@script:python ok_field@
s << field_decl.S;
fld << field_decl.F;
SN;
DROP;
REPL;
TASK;
@@

d = decision()
act = d['fields'].get((s, fld)) if d else None
coccinelle.SN = cocci.make_ident(s if act else NO_NAME)
coccinelle.DROP = cocci.make_ident(fld if act and act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(fld if act and act[0] == 'replace'
                                   else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] if act and act[1] else NO_NAME)

@script:python ok_file depends on creation@
K;
@@

d = decision()
coccinelle.K = cocci.make_ident('kthread_run' if d and d['legacy'] else NO_NAME)

@has_kthread_h depends on creation@
@@

#include <linux/kthread.h>

// ---------------------------------------------------------------------
// The rewrites. Compound statements first: a statement inside one that
// goes must not be rewritten on its own.

@rw_outer depends on patch@
identifier ok_outer.F;
statement cand_outer.S;
@@

F(...) {
  <...
- S
  ...>
}

@rw_del depends on patch@
identifier ok_del.F;
statement cand_stmt.S;
@@

F(...) {
  <...
- S
  ...>
}

@rw_repl depends on patch@
identifier ok_repl.F;
statement cand_stmt.S;
statement ok_repl.NEW;
@@

F(...) {
  <...
- S
+ NEW
  ...>
}

@rw_loop depends on patch@
identifier ok_loop.F;
expression cand_loop.E;
expression ok_loop.NEWE;
@@

F(...) {
  <...
- E
+ NEWE
  ...>
}

@rw_if depends on patch@
identifier ok_if.F;
expression cand_if.E;
statement cand_if.S;
expression ok_if.NEWE;
@@

F(...) {
  <...
  if (
- E
+ NEWE
  ) S
  ...>
}

@rw_wait depends on patch@
identifier ok_wait.F;
identifier cand_wait.we;
expression cand_wait.WQ;
expression cand_wait.E;
expression ok_wait.NEWE;
@@

F(...) {
  <...
  we(WQ,
- E
+ NEWE
  ,...)
  ...>
}

@rw_park depends on patch@
identifier ok_park.F;
expression E, E2;
@@

F(...) {
  ...
(
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+	schedule();
+	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  return E;
|
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+	schedule();
+	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  kthread_complete_and_exit(E, E2);
|
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+	schedule();
+	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  complete_and_exit(E, E2);
)
}

// Starting the thread.
@rw_drop depends on patch@
identifier ok_cr_drop.F;
expression ok_cr_drop.NEW;
expression list args;
@@

- kernel_thread(F, args);
+ NEW;

@rw_store depends on patch@
identifier ok_cr_store.F;
expression ok_cr_store.NEW;
expression X;
expression list args;
@@

- X = kernel_thread(F, args);
+ NEW;

@rw_iftest depends on patch@
identifier ok_cr_if.F;
expression ok_cr_if.COND;
expression list args;
statement S;
@@

  if (
(
- kernel_thread(F, args) < 0
|
- kernel_thread(F, args) <= 0
)
+ COND
  ) S

@rw_iftest_pre depends on patch@
identifier ok_cr_ifpre.F;
expression ok_cr_ifpre.PRE, ok_cr_ifpre.COND;
expression list args;
statement S;
@@

+ PRE;
  if (
(
- kernel_thread(F, args) < 0
|
- kernel_thread(F, args) <= 0
)
+ COND
  ) S

@rw_check depends on patch@
identifier ok_check.F;
expression ok_check.X, ok_check.T;
statement S;
@@

  T = kthread_run(F, ...);
  if (
(
- unlikely(X < 0)
|
- unlikely(X <= 0)
|
- X < 0
|
- X <= 0
)
+ IS_ERR(T)
  ) S

@rw_fail depends on patch@
identifier ok_fail.FUNC;
expression ok_fail.X, ok_fail.NEWX;
@@

FUNC(...) {
  <...
- X
+ NEWX
  ...>
}

@rw_addcheck depends on patch@
identifier ok_addcheck.F;
expression ok_addcheck.T;
statement ok_addcheck.CHK;
@@

  T = kthread_run(F, ...);
+ CHK

// Declarations the rewrites left unused or retyped.
@rw_local depends on patch@
identifier ok_local.F, ok_local.V;
type T;
@@

F(...) {
  ... when any
- T V;
  ... when any
}

@rw_global_drop depends on patch@
identifier ok_global.DROP;
type T;
expression E;
@@

(
- T DROP;
|
- T DROP = E;
)

@rw_global_repl depends on patch@
identifier ok_global.REPL, ok_global.TASK;
type T;
expression E;
@@

(
- T REPL;
+ struct task_struct *TASK;
|
- T REPL = E;
+ struct task_struct *TASK;
)

@rw_completion depends on patch@
declarer name DECLARE_COMPLETION;
identifier ok_completion.DROP;
@@

- DECLARE_COMPLETION(DROP);

@rw_field_drop depends on patch@
identifier ok_field.SN, ok_field.DROP;
type T;
@@

struct SN {
  ...
- T DROP;
  ...
};

@rw_field_repl depends on patch@
identifier ok_field.SN, ok_field.REPL, ok_field.TASK;
type T;
@@

struct SN {
  ...
- T REPL;
+ struct task_struct *TASK;
  ...
};

// Headers: kthread_run() needs <linux/kthread.h>; <linux/smp_lock.h> is
// gone with the big kernel lock once nothing here takes it.
@converted depends on patch@
identifier ok_file.K;
@@

K(...)

@still_bkl depends on converted@
@@

(
lock_kernel()
|
unlock_kernel()
)

@rw_add_include depends on patch && converted && !has_kthread_h@
@@

#include <linux/...>
+#include <linux/kthread.h>

@rw_drop_smp_lock depends on patch && converted && !still_bkl@
@@

- #include <linux/smp_lock.h>

// ---------------------------------------------------------------------
// Findings.

@script:python ok_context@
fn << creation.fn;
F;
@@

d = decision()
ok = bool(d) and any(p['fn'] == fn for p in d['plans']) and \
    first_time('context', fn)
coccinelle.F = cocci.make_ident(fn if ok else NO_NAME)

@depends on context@
identifier ok_context.F;
identifier creator = {kernel_thread, kthread_run, kthread_create,
                      kthread_create_on_node};
@@

* creator(F, ...)

@depends on context@
identifier ok_repl.F;
statement cand_stmt.S;
@@

F(...) {
  <...
* S
  ...>
}

@script:python depends on report && creation@
@@

for pos, msg in findings(facts()):
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && creation@
@@

for pos, msg in findings(facts()):
    coccilib.org.print_todo(pos[0], msg)

@script:python depends on patch && explain && creation@
@@

for pos, msg in refusals(facts()):
    coccilib.report.print_report(pos[0], msg)

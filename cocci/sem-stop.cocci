// SPDX-License-Identifier: GPL-2.0-only
/// Replace a terminate semaphore handshake with kthread_stop()
///
/// Realtek and Broadcom drivers stop their threads with semaphores: the
/// stop path raises a flag (bDriverStopped, a stop member), ups the
/// semaphore the thread sleeps on and downs a "terminate" semaphore that
/// the thread ups as it exits. That is the kthread stop protocol by hand,
/// and the up() and return at the end of the thread let the module text go
/// away under the exiting thread. The stop path calls kthread_stop()
/// instead of downing the terminate semaphore, which goes once nothing else
/// uses it; a start handshake on it stays. When every sleep of the thread
/// ends on kthread_stop()'s wake-up or by itself, the thread polls
/// kthread_should_stop() and the flag goes. When the thread sleeps in
/// down() or down_interruptible() on its wake-up semaphore, kthread_stop()'s
/// wake-up alone would not end that sleep and testing the stop bit there
/// would race with kthread_stop() setting it: the flag and the up(), done
/// before kthread_stop(), stay what ends the loop. A thread that can reach
/// its end before it is stopped then waits to be stopped instead of
/// returning.
///
//# The semaphore counts as the terminate semaphore only when it starts at
//# 0, the thread ups it as it ends and a path raises a flag the thread
//# tests and then downs it. A semaphore downed or upped by anyone else, a
//# thread that can end without upping it, a sleep the stop path does not
//# end and a stop path holding (in its own function) a lock the thread
//# takes are reported and left alone. Wrapper functions (_rtw_up_sema()
//# and the like) are not looked into. Flags and semaphores are paired
//# across the functions of one file only.
//
// Confidence: Moderate
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The script rules share one decision per file; rewrites are
//  keyed by function, flag and semaphore because positions do not
//  survive rewrites. complete_and_exit(NULL, x) and do_exit(x) after the
//  up() become returns, so the generated code does not depend on the
//  target kernel.
// Options: --no-includes --include-headers
// Keywords: up, down, down_interruptible, sema_init, kthread_stop
// Needs: up

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import os
import sys

# The shared C-reading helpers live beside this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *

# ---------------------------------------------------------------------
# The exit channel of this rule: a terminate semaphore the thread ups as
# it ends and the stop path downs.

CHANNEL = 'semaphore'
# up(&s) followed by the end of the thread.
SIGNALS = {'up'}
# Calls that signal the channel and end the thread at once: none.
SIGNAL_EXITS = set()
# A signal at the top of the thread, for a start handshake.
START_SIGNALS = SIGNALS
# What the stop path may wait with, and the number of arguments.
WAITS = {'down': 1, 'down_interruptible': 1, 'down_killable': 1,
         'down_timeout': 2}
# What the findings say.
FOUND = 'WARNING: terminate semaphore %s: %s() ups it as it ends, %s ' \
    'raise%s %s and down%s it; %s'
REFUSED = 'WARNING: terminate semaphore %s of %s() not rewritten: %s'
SIGNALLING = 'upping'


def check_channel(f, pair):
    """A terminate semaphore starts at 0, so that the stop path's down()
    waits for the thread's up(); one that starts at 1 is a lock, and one
    whose start is not in this file is unknown."""
    counts = {i[3] for i in f.inits if same_storage(i[0], pair['chan'])}
    if not counts:
        raise Reject('%s is not initialised with sema_init() here'
                     % key_name(pair['schan']))
    if counts != {'0'}:
        raise Reject('%s starts at %s, so it is not a terminate semaphore'
                     % (key_name(pair['schan']),
                        ' or '.join(sorted(counts))))

# ---------------------------------------------------------------------
# Helpers over the shared library (candidates for kthreadify_lib).

# How a sleep on a channel is ended by the stop path.
WAKES_CHANNEL = {'up': {'down', 'down_interruptible', 'down_killable'},
                 'complete': {'wait_for_completion',
                              'wait_for_completion_interruptible',
                              'wait_for_completion_killable',
                              'wait_for_completion_io'},
                 'complete_all': {'wait_for_completion',
                                  'wait_for_completion_interruptible',
                                  'wait_for_completion_killable',
                                  'wait_for_completion_io'}}
LOCKS = {'mutex_lock', 'mutex_lock_interruptible', 'mutex_lock_killable',
         'mutex_lock_nested', 'mutex_trylock', 'spin_lock', 'spin_lock_irq',
         'spin_lock_irqsave', 'spin_lock_bh', 'spin_trylock', 'read_lock',
         'write_lock', 'down_read', 'down_write', 'down', 'down_interruptible',
         'down_killable', 'down_trylock', 'down_timeout'}
UNLOCKS = {'mutex_unlock', 'spin_unlock', 'spin_unlock_irq',
           'spin_unlock_irqrestore', 'spin_unlock_bh', 'read_unlock',
           'write_unlock', 'up_read', 'up_write', 'up'}


def label_len(ts, i):
    """Length of a label prefix ('out:', 'case X:', 'default:') at i."""
    if i >= len(ts):
        return 0
    if ts[i] == 'default' and ts[i + 1:i + 2] == [':']:
        return 2
    if ts[i] == 'case':
        j = i
        while j < len(ts) and ts[j] != ':':
            j += 1
        return j - i + 1
    if is_ident(ts[i]) and ts[i + 1:i + 2] == [':'] and ts[i] != 'else':
        return 2
    return 0


def unlabel(ts):
    n = label_len(ts, 0)
    while n:
        ts = ts[n:]
        n = label_len(ts, 0)
    return ts


def stmt_call(ts):
    """(name, [arg tokens]) when ts is a statement made of one call."""
    if ts[-1:] != [';']:
        return None
    return as_call(ts[:-1])


def stmt_lists(ts, i=0, j=None, out=None):
    """Every statement list of ts[i:j], each a list of (start, end):
    blocks, branches and loop bodies, the top level first."""
    j = len(ts) if j is None else j
    out = [] if out is None else out
    sts = statements(ts, i, j)
    out.append(sts)
    for s, e in sts:
        s += label_len(ts, s)
        t = ts[s] if s < e else ''
        if t == '{':
            stmt_lists(ts, s + 1, e - 1, out)
        elif t == 'if':
            c = close_of(ts, s + 1)
            then_end = stmt_end(ts, c + 1)
            stmt_lists(ts, c + 1, then_end, out)
            if then_end < e and ts[then_end] == 'else':
                stmt_lists(ts, then_end + 1, e, out)
        elif t in ('while', 'for', 'switch'):
            c = close_of(ts, s + 1)
            stmt_lists(ts, c + 1, e, out)
        elif t == 'do':
            b = stmt_end(ts, s + 1)
            stmt_lists(ts, s + 1, b, out)
    return out


def chan_arg(arg):
    """(key, lvalue tokens) of a '&channel' argument, or None."""
    a = strip_parens(arg)
    if a[:1] != ['&']:
        return None
    lv = strip_parens(a[1:])
    k = lvalue_key(lv)
    return (k, lv) if k else None


def same_storage(a, b):
    """Do two channel keys name the same storage? A thread often reaches
    a member through a local alias (pcmdpriv->sema for
    padapter->cmdpriv.sema): member paths match when one ends the other."""
    if a == b:
        return True
    if not (a.startswith('m:') and b.startswith('m:')):
        return False
    x, y = a[2:].split('.'), b[2:].split('.')
    n = min(len(x), len(y))
    return x[-n:] == y[-n:]


def flag_parts(key):
    """(kind, storage key) of a flag key: ('v', 'g:stop'),
    ('b:STOP_BIT', 'm:flags')."""
    parts = key.split(':')
    n = 2 if parts[0] == 'b' else 1
    return ':'.join(parts[:n]), ':'.join(parts[n:])


def same_flag(a, b):
    """Do two flag keys name the same flag, read the same way?"""
    if a is None or b is None:
        return False
    ka, sa = flag_parts(a)
    kb, sb = flag_parts(b)
    return ka == kb and same_storage(sa, sb)


def thread_key(body, key):
    """The key under which a thread body reads or writes the flag that a
    stop path raises as key (the thread may reach it through an alias)."""
    for i in range(len(body)):
        for j in range(i + 1, min(len(body), i + 16) + 1):
            k = read_key(body[i:j])
            if k and same_flag(k, key):
                return k
    return None


def ending(ts):
    """Value tokens when statement ts ends the thread and carries no label
    (a goto to a label there would skip the signal before it), else None.
    A bare return gives []."""
    if label_len(ts, 0):
        return None
    if ts[:1] == ['return'] and ts[-1:] == [';']:
        return ts[1:-1]
    c = stmt_call(ts)
    if not c:
        return None
    name, args = c
    if name in ('do_exit', 'kthread_exit') and len(args) == 1:
        return strip_parens(args[0])
    if name in ('complete_and_exit', 'kthread_complete_and_exit') and \
            len(args) == 2 and strip_parens(args[0]) == ['NULL']:
        return strip_parens(args[1])
    return None


def is_end(ts):
    """Does statement ts end the thread (return or an exit call)?"""
    ts = unlabel(ts)
    if ts[:1] == ['return']:
        return True
    c = stmt_call(ts)
    return bool(c) and c[0] in EXIT_CALLS


def thread_exits(body):
    """The exits of a thread body that signal a channel: dicts with the
    channel key and tokens, the value returned, the (start, end) of the
    statements and the form."""
    out = []
    for sts in stmt_lists(body):
        for n, (s, e) in enumerate(sts):
            ts = unlabel(body[s:e])
            c = stmt_call(ts)
            if not c:
                continue
            name, args = c
            if name in SIGNAL_EXITS and len(args) == 2:
                ch = chan_arg(args[0])
                if ch:
                    out.append({'chan': ch[0], 'lv': ch[1], 'form': name,
                                'value': strip_parens(args[1]),
                                'span': (s, e)})
            elif name in SIGNALS and len(args) == 1 and n + 1 < len(sts):
                ch = chan_arg(args[0])
                s2, e2 = sts[n + 1]
                v = ending(body[s2:e2])
                if ch and v is not None:
                    out.append({'chan': ch[0], 'lv': ch[1], 'form': name,
                                'value': v, 'span': (s, e2)})
    return out


def thread_ends(body):
    """(start, end) of every statement that ends the thread."""
    found = []
    visit(body, 0, len(body), 0,
          lambda a, b, d: found.append((a, b)) if is_end(body[a:b])
          else None)
    return found


def first_loop(body):
    for s, e in statements(body):
        if loop_parts(unlabel(body[s:e])):
            return s, e
    return None


def start_signal(body, chan):
    """(start, end) of a signal of chan at the top of the thread, before
    its first loop: the thread telling its starter that it runs."""
    loop = first_loop(body)
    for s, e in statements(body):
        if loop and s >= loop[0]:
            break
        c = stmt_call(body[s:e])
        if c and c[0] in START_SIGNALS and len(c[1]) == 1:
            ch = chan_arg(c[1][0])
            if ch and same_storage(ch[0], chan):
                return s, e
    return None


def flag_token(key):
    """The identifier that names a flag in the code."""
    parts = key.split(':')
    if parts[0] == 'b':
        return parts[1]
    return parts[-1].split('.')[-1]


def terms(ts):
    """The operands of the && and || of a condition, recursively."""
    ts = strip_parens(ts)
    for op in ('||', '&&'):
        parts = split_top(ts, op)
        if len(parts) > 1:
            return [t for p in parts for t in terms(p)]
    return [ts]


def conditions(body):
    """Conditions of the if, while, for and do statements of a body and
    of its wait_event*() calls."""
    out = []

    def one(a, b, d):
        ts = unlabel(body[a:b])
        if ts[:1] in (['if'], ['while'], ['for'], ['switch']):
            c = close_of(ts, 1)
            cond = ts[2:c]
            if ts[0] == 'for':
                parts = split_top(cond, ';')
                cond = parts[1] if len(parts) == 3 else []
            out.append(cond)
        elif ts[:1] == ['do']:
            lp = loop_parts(ts)
            if lp:
                out.append(lp[1])
    visit(body, 0, len(body), 0, one)
    for name, args in call_sites(body):
        if WAIT_EVENTS.match(name) or UNTIMED_WAITS.match(name):
            if len(args) >= 2:
                out.append(args[1])
    return out


def flag_tests_cover(body, key):
    """Is every mention of the flag in the body a test of it that the
    rewrite turns into kthread_should_stop()?"""
    name = flag_token(key)
    covered = 0
    for cond in conditions(body):
        for t in terms(cond):
            r = test_of(t)
            if r and same_flag(r[0], key):
                covered += t.count(name)
    writes = []
    visit(body, 0, len(body), 0,
          lambda a, b, d: writes.append(body[a:b])
          if same_flag(flag_of_clear(body[a:b]), key) else None)
    return covered + sum(w.count(name) for w in writes) == body.count(name)


def held_locks(ts, upto):
    """Keys of the locks taken and not yet released in ts[:upto]. A guard
    counts as held to the end of the function, wherever its scope ends."""
    held = []
    for name, arg in lock_calls(ts[:upto]):
        a = strip_parens(arg)
        k = lvalue_key(a[1:]) if a[:1] == ['&'] else lvalue_key(a)
        if not k:
            continue
        if name in GUARDS or (name in LOCKS and
                              name not in ('mutex_trylock', 'spin_trylock',
                                           'down_trylock')):
            held.append(k)
        elif name in UNLOCKS and k in held:
            held.remove(k)
    return held


def takes_lock(body, lock):
    for name, arg in lock_calls(body):
        if name in LOCKS or name in GUARDS:
            a = strip_parens(arg)
            k = lvalue_key(a[1:]) if a[:1] == ['&'] else lvalue_key(a)
            if k and same_storage(k, lock):
                return name
    return None


def find_seq(ts, seq):
    for i in range(len(ts) - len(seq) + 1):
        if ts[i:i + len(seq)] == seq:
            return i
    return -1


def key_name(key):
    """A channel or lock key as C: done, ->terminate_sema."""
    kind, path = key.split(':', 1)
    return path if kind == 'g' else '->' + path


# ---------------------------------------------------------------------
# What the rules below learn about one file, and what is decided there.

class Facts:
    def __init__(self):
        self.creations = {}   # thread function -> [creation]
        self.stoppers = []    # raise-then-wait sequences, any function
        self.funcs = {}       # function -> body tokens
        self.rettypes = {}    # function -> return type
        self.signals = []     # (function, name, channel key, line, pos)
        self.inits = []       # (channel key, function, line, more args)
        self.start_waits = [] # (thread function, channel key, line)
        self.chan_uses = []   # (channel key, function, line)
        self.locals = {}      # function -> names declared in it
        self.writes = []      # (key, function, first line, last line, how)
        self.reads = []       # (key, function, line)
        self.decision = None
        self.quiet = []       # candidates left alone without a finding
        self.still_used = set()
        self.fields = {}      # field name -> names of the structs with it


current = [None, None]


def start_file(pos):
    """Forget the previous file when the first rule meets a new one.
    Later rules see positions in spatch's rewritten copy of the file,
    so only this first rule can tell files apart."""
    if current[1] != pos[0].file:
        current[0] = Facts()
        current[1] = pos[0].file


def facts(pos):
    return current[0]


class Reject(Exception):
    pass


QUIET = 'no stop path raises a flag right before waiting for it: the ' \
    'thread ends on its own, or the wait is no stop request'


# Initialisations that need no undoing either, besides the shared list.
MORE_HARMLESS = {'timer_setup', 'INIT_WORK', 'INIT_DELAYED_WORK',
                 'init_rwsem', 'rwlock_init', 'skb_queue_head_init',
                 'kref_init', 'atomic_inc', 'atomic_dec'}


def needs_undo(name):
    return name not in HARMLESS and name not in MORE_HARMLESS and \
        not LOGGING.match(name) and \
        name not in ('IS_ERR', 'PTR_ERR', 'ERR_PTR')


# ---------------------------------------------------------------------
# Pairing threads that signal a channel as they end with the stop paths
# that raise a flag and wait for that channel.

def candidates(f):
    """Thread function -> its exits, for every started thread that
    signals a channel as it ends."""
    out = {}
    for fn in sorted(f.creations):
        body = f.funcs.get(fn)
        if body is None:
            continue
        exits = thread_exits(body)
        if exits:
            out[fn] = exits
    return out


def decide(f):
    """Pair every thread that ends by signalling a channel with the stop
    paths that wait for it, and decide the rewrite or why there is none."""
    if f.decision is not None:
        return f.decision
    pairs, rejected = [], []
    cands = candidates(f)
    claims = {}
    for fn, exits in cands.items():
        for s in f.stoppers:
            if any(same_storage(s['chan'], x['chan']) for x in exits):
                claims.setdefault(id(s), set()).add(fn)
    for fn, exits in cands.items():
        stoppers = [s for s in f.stoppers
                    if any(same_storage(s['chan'], x['chan'])
                           for x in exits)]
        pos = exit_position(f, fn, exits)
        if not stoppers:
            # Nobody raises a flag and then waits: a thread that ends on
            # its own (hazard 8), or a channel with another job. Only
            # explained on request, never reported.
            f.quiet.append(refusal(fn, exits, [], pos, QUIET))
            continue
        try:
            if any(len(claims[id(s)]) > 1 for s in stoppers):
                raise Reject('the stop path waits for a %s that several '
                             'threads signal' % CHANNEL)
            pairs.append(pair_up(f, fn, exits, stoppers, pos))
        except Reject as e:
            rejected.append(refusal(fn, exits, stoppers, pos, str(e)))
    settle_creations(f, pairs, rejected)
    f.decision = pairs, rejected
    return f.decision


def refusal(fn, exits, stoppers, pos, why):
    return {'fn': fn, 'chan': stoppers[0]['chan'] if stoppers
            else exits[0]['chan'], 'stoppers': stoppers, 'pos': pos,
            'why': why}


def exit_position(f, fn, exits):
    """Position of the last signal of the thread's exits."""
    best = None
    for func, name, key, line, pos in f.signals:
        if func == fn and any(same_storage(key, x['chan']) for x in exits):
            if best is None or line >= best[0]:
                best = (line, pos)
    return best[1] if best else None


def pair_up(f, fn, exits, stoppers, pos):
    body = f.funcs[fn]
    rt = f.rettypes.get(fn, '')
    if rt != 'int':
        raise Reject('the thread function returns %s, not int' %
                     (rt or 'nothing'))
    chans = {x['chan'] for x in exits}
    if len(chans) > 1:
        raise Reject('the thread signals several %ss as it ends' % CHANNEL)
    chan = chans.pop()
    keys = {s['key'] for s in stoppers}
    if len(keys) > 1:
        raise Reject('the stop paths raise different flags')
    key = keys.pop()
    skeys = {s['chan'] for s in stoppers}
    if len(skeys) > 1:
        raise Reject('the stop paths reach the %s in different ways'
                     % CHANNEL)
    creations = f.creations.get(fn, [])
    if len(creations) != 1:
        raise Reject('the thread is started in %d places' % len(creations))
    starter = creations[0]['func']
    others = sorted({s['func'] for s in stoppers} - {starter})
    if len(others) > 1:
        raise Reject('the thread is stopped from %s(); once it is '
                     'gone, a second kthread_stop() would touch a freed '
                     'task' % '() and '.join(others))
    check_ends(body, exits)
    start = start_signal(body, chan)
    name = chan.split(':')[-1].split('.')[-1]
    if body.count(name) != len(exits) + (1 if start else 0):
        raise Reject('the thread uses %s for more than its exit'
                     % key_name(chan))
    tkey = thread_key(body, key)
    if not tkey:
        raise Reject('the thread never tests %s, so it is not its stop '
                     'request' % flag_name(key))
    pair = {'fn': fn, 'key': key, 'tkey': tkey, 'chan': chan,
            'schan': skeys.pop(),
            'stoppers': stoppers, 'pos': pos, 'creation': creations[0],
            'exits': exits, 'start': None, 'inits': []}
    check_channel_uses(f, pair, start)
    check_channel(f, pair)
    for s in stoppers:
        check_locks(f, s, body)
    pair['mode'], pair['sleep'] = choose_mode(f, pair)
    pair['park'] = needs_park(pair, body)
    pair['freezable'] = 'set_freezable' in body
    return pair


def check_ends(body, exits):
    """Every way the thread can end must be one of its exits, and the
    last statement must be one: the rewrite turns exactly those into
    returns that kthread_stop() waits for."""
    last = {x['span'][1] for x in exits}
    for s, e in thread_ends(body):
        if e not in last:
            raise Reject('the thread can end without %s %s'
                         % (SIGNALLING, key_name(exits[0]['chan'])))
    tops = statements(body)
    if not tops or tops[-1][1] not in last:
        raise Reject('the thread does not end with its exit handshake')


def check_channel_uses(f, pair, start):
    """The channel may only be signalled by the thread's exits, waited
    for by the stop paths, initialised, and used for a start handshake
    (a signal at the top of the thread and a wait right after starting
    it), which stays."""
    fn = pair['fn']
    starter = pair['creation']['func']
    swait = [w for w in f.start_waits
             if w[0] == fn and same_storage(w[1], pair['chan'])]
    if bool(start) != bool(swait):
        raise Reject('the thread signals %s at its start but nobody '
                     'waits for that' % key_name(pair['chan']) if start
                     else 'the %s is waited for after the thread starts, '
                     'which the thread never signals' % CHANNEL)
    pair['start'] = swait[0] if swait else None
    for key, func, line in f.chan_uses:
        if not same_storage(key, pair['chan']) or func == fn:
            continue
        if any(in_wait(s, func, line) for s in pair['stoppers']):
            continue
        if swait and func == starter and line == swait[0][2]:
            continue
        init = [i for i in f.inits if i[1] == func and i[2] == line and
                same_storage(i[0], pair['chan'])]
        if init:
            pair['inits'].append(init[0])
            continue
        raise Reject('%s is also used in %s()' % (key_name(key), func))


def check_locks(f, s, body):
    """Hazard 4: the stop path must not hold a lock that the thread takes,
    or kthread_stop() could wait for a thread that waits for the lock."""
    ts = f.funcs.get(s['func'], [])
    at = find_seq(ts, s['seq'])
    if at < 0:
        return
    for lock in held_locks(ts, at):
        how = takes_lock(body, lock)
        if how:
            raise Reject('%s() holds %s while it waits and the thread '
                         'takes it with %s(): stopping it there could '
                         'deadlock' % (s['func'], key_name(lock), how))


def woken(pair):
    """Channels the stop paths signal before they wait: (call, key)."""
    out = set()
    for s in pair['stoppers']:
        for b in s['between']:
            c = stmt_call(b)
            if c and c[0] in WAKES_CHANNEL and len(c[1]) == 1:
                ch = chan_arg(c[1][0])
                if ch:
                    out.add((c[0], ch[0]))
    return out


# The central hazard. kthread_stop() sets the stop bit, calls
# wake_up_process() and waits. A thread asleep in wait_for_completion(),
# down(), down_interruptible() or a wait_event() whose condition ignores
# the stop request is not ended by that wake-up: it goes back to sleep.
# Keeping the stop path's complete()/up() before kthread_stop() does not
# fix that for a thread that tests only kthread_should_stop(): it could
# wake, test the bit before kthread_stop() sets it, and sleep again for
# good. So:
#  - 'stop': no sleep of the thread needs the stop path's wake-up (every
#    sleep is timed, or a wait_event() on a condition with the flag in it,
#    which becomes kthread_should_stop()): the thread polls
#    kthread_should_stop(), the flag goes, the wake-ups stay before
#    kthread_stop() (harmless, and they shorten a timed sleep);
#  - 'keep': the thread sleeps on a completion or semaphore that the stop
#    path signals after raising the flag: the flag, raised before the
#    wake-up, stays what ends the loop, and kthread_stop() only replaces
#    the wait for the exit handshake. The thread then leaves its loop
#    before it is stopped, so every exit waits for kthread_stop() first;
#  - a sleep that nothing in the stop path ends is refused: the rule
#    cannot vouch for a stop that depends on something else waking the
#    thread.
def choose_mode(f, pair):
    """'stop' when the thread can poll kthread_should_stop() instead of
    the flag, 'keep' when the flag must stay, with the sleep that needs
    it; Reject when a sleep of the thread would not end on a stop."""
    body = f.funcs[pair['fn']]
    key = pair['tkey']
    wakes = woken(pair)
    blocking = None
    for name, args in call_sites(body):
        if name in BLOCKING and args:
            ch = chan_arg(args[0])
            if not ch or not any(ch and same_storage(ch[0], k) and
                                 name in WAKES_CHANNEL[w]
                                 for w, k in wakes):
                raise Reject('the thread sleeps in %s()%s, which the stop '
                             'path does not signal: it would only see the '
                             'stop request once something else wakes it'
                             % (name, ' on ' + key_name(ch[0]) if ch
                                else ''))
            blocking = blocking or name
        elif UNTIMED_WAITS.match(name) and len(args) == 2 and \
                not any(polarity(d, key) == 'set' or
                        is_should_stop(d, False)
                        for d in split_top(strip_parens(args[1]), '||')):
            raise Reject('the thread sleeps in %s() on a condition that '
                         'does not include %s' % (name, flag_name(key)))
    loop = first_loop(body)
    inner = []
    if loop:
        lp = unlabel(body[loop[0]:loop[1]])
        bs, be = loop_parts(lp)[2]
        inner = lp[bs:be]
    if loop and not calls_in(inner) - BARRIERS - {'cpu_relax'} - \
            {'if', 'while', 'for', 'switch', 'return', 'sizeof'}:
        # Hazard 2: polling kthread_should_stop() there would be a bare
        # spin, and so is the loop as it is.
        raise Reject('the thread spins without sleeping')
    if loop and 'schedule' in calls_in(body[loop[0]:loop[1]]):
        lp = body[loop[0]:loop[1]]
        why = lost_wakeup(lp, key) if loop_parts(lp) else None
        if why and polling_loop(lp, key):
            raise Reject(why)
    if blocking:
        return 'keep', blocking
    try:
        check_flag_uses(f, pair['fn'], pair['key'], pair['stoppers'])
    except Reject:
        return 'keep', None
    raised = []
    visit(body, 0, len(body), 0,
          lambda a, b, d: raised.append(flag_of_set(body[a:b])))
    if any(r and same_flag(r[0], key) for r in raised):
        return 'keep', None
    if any(fn != pair['fn'] and thread_key(f.funcs.get(fn, []), key)
           for fn in f.creations):
        return 'keep', None
    if not flag_tests_cover(body, key):
        return 'keep', None
    return 'stop', None


def needs_park(pair, body):
    """Can the thread reach an exit before it is asked to stop? With the
    flag kept it always can (the flag ends its loop before kthread_stop()
    sets the stop bit); otherwise only a single exit right after a loop
    that ends on the stop request alone is safe to turn into a return."""
    if pair['mode'] == 'keep' or len(pair['exits']) > 1 or 'goto' in body:
        return True
    s = pair['exits'][0]['span'][0]
    loops = [(a, b) for a, b in statements(body)
             if b <= s and loop_parts(unlabel(body[a:b]))]
    if not loops:
        return True
    lp = unlabel(body[loops[-1][0]:loops[-1][1]])
    parts = loop_parts(lp)
    inner = lp[parts[2][0]:parts[2][1]]
    return not polling_loop(lp, pair['tkey']) or \
        stray_break(inner, pair['tkey']) or ends_thread(inner)


def in_wait(s, func, line):
    return s['func'] == func and s['wait_first'] <= line <= s['wait_last']


def in_write(f, key, func, line):
    return any(same_flag(w[0], key) and w[1] == func and w[2] <= line <= w[3]
               for w in f.writes)


def check_flag_uses(f, fn, key, stoppers):
    """The flag may only be polled by the thread, raised by the stop
    paths and cleared before the thread starts."""
    for k, func, line in f.reads:
        if same_flag(k, key) and func != fn and \
                not in_write(f, key, func, line):
            raise Reject('the flag is also read in %s()' % func)
    for k, func, first, last, how in f.writes:
        if not same_flag(k, key) or func == fn or how == 'clear':
            continue
        if not any(s['func'] == func and s['first'] == first
                   for s in stoppers):
            raise Reject('the flag is raised in %s() without waiting '
                         'for the thread' % func)


# ---------------------------------------------------------------------
# Starting the thread: where its task pointer lives and how it is checked.

def settle_creations(f, pairs, rejected):
    """Decide the task pointer and the creation rewrite of every pair.
    A creation that must be checked from now on may only follow code
    that needs no undoing, or the start of another thread rewritten here,
    which is stopped again when this one fails to start."""
    pending = list(pairs)
    pairs[:] = []
    progress = True
    while pending and progress:
        progress = False
        for pair in list(pending):
            try:
                done = settle(f, pair, pairs, pending)
            except Reject as e:
                rejected.append(refusal(pair['fn'], pair['exits'],
                                        pair['stoppers'], pair['pos'],
                                        str(e)))
                done = True
            else:
                if done:
                    pairs.append(pair)
            if done:
                pending.remove(pair)
                progress = True
    for pair in pending:
        rejected.append(refusal(pair['fn'], pair['exits'], pair['stoppers'],
                                pair['pos'], UNWIND))


UNWIND = 'starting the thread follows code that would need undoing ' \
    'if it failed'


def settle(f, pair, settled, pending):
    """Fill in pair's creation rewrite; False while it waits for the
    pairs whose threads are started before its own."""
    c = pair['creation']
    if c['shape'] is None:
        raise Reject('the thread is started inside an expression or a '
                     'declaration, which this rule does not rewrite')
    task = c['target'] or new_task(pair)
    pair['task'] = task
    pair['task_new'] = not c['target']
    pair['check'] = classify_check(c, task)
    pair['wake'] = wake_after(c, task, pair['check'])
    pair['unwind'] = []
    if pair['check'] == 'none':
        if c['ret'] != 'int':
            raise Reject('the thread is started in %s(), which cannot '
                         'return an error' % c['func'])
        for name, line in c['before']:
            same = [p for p in settled + pending if p is not pair and
                    p['creation']['func'] == c['func'] and
                    p['creation']['line'] == line and
                    p['creation']['creator'] == name]
            if not same:
                raise Reject(UNWIND)
            if same[0] in pending:
                return False
            pair['unwind'].insert(0, same[0]['task'])
    for s in pair['stoppers']:
        s['task'] = stopper_task(f, pair, s)
    return True


def new_task(pair):
    """Task pointer for a thread whose kthread_run() result was dropped:
    it takes the place of the channel, a file-scope pointer for a
    file-scope channel, a member of the same structure (reached through
    the thread's data argument) for a member."""
    name = pair['fn'] + '_task'
    kind, path = pair['schan'].split(':', 1)
    if kind == 'g':
        return [name]
    if '.' in path:
        raise Reject('the %s is nested too deep to add a task pointer '
                     'next to it' % CHANNEL)
    data = pair['creation']['args'][1] if len(pair['creation']['args']) > 1 \
        else []
    data = strip_parens(data)
    if data[:1] == ['&'] and split_lvalue(data[1:]):
        return strip_parens(data[1:]) + ['.', name]
    if len(data) == 1 and is_ident(data[0]):
        return data + ['->', name]
    raise Reject('the thread data argument does not name the structure '
                 'that holds the %s' % CHANNEL)


def classify_check(c, task):
    nxt = c['next']
    if c['target'] is None or not nxt:
        return 'none'
    if nxt[:2] == ['if', '(']:
        cond = strip_parens(nxt[2:close_of(nxt, 1)])
        call = as_call(cond)
        if call and call[0] in ('likely', 'unlikely') and len(call[1]) == 1:
            cond = strip_parens(call[1][0])
            call = as_call(cond)
        if call and call[0] in ('IS_ERR', 'IS_ERR_OR_NULL') and \
                call[1] == [task]:
            return 'iserr'
        if cond == ['!'] + task or \
                cond in (task + ['==', 'NULL'], ['NULL', '=='] + task,
                         task + ['==', '0']):
            return 'null'
        if any(t == task[0] for t in cond):
            raise Reject('the kthread_run() result is tested in a way '
                         'this rule does not rewrite')
    return 'none'


def wake_after(c, task, check):
    """Is kthread_create() followed by wake_up_process() on the task,
    right away or right after its check?"""
    if c['creator'] != 'kthread_create' or c['target'] is None:
        return False
    wake = ['wake_up_process', '(', ] + task + [')', ';']
    if check == 'none':
        return c['next'] == wake
    return c['next2'] == wake


def stopper_task(f, pair, s):
    """The task pointer as the stop path can reach it: through the same
    base as the channel it waited for."""
    task = pair['task']
    c = pair['creation']
    t_parts = split_lvalue(task)
    if t_parts is None:
        raise Reject('the task pointer is not a variable or a member')
    if not t_parts[0]:
        if task[0] in f.locals.get(c['func'], ()):
            raise Reject('the task pointer is local to %s()' % c['func'])
        return task
    base = t_parts[0]
    if pair['schan'].startswith('m:'):
        data = c['args'][1] if len(c['args']) > 1 else []
        data = strip_parens(data)
        if data[:1] == ['&']:
            data = strip_parens(data[1:])
        if data != base:
            raise Reject('the task pointer and the %s live in different '
                         'structures' % CHANNEL)
        c_parts = split_lvalue(s['chan_lv'])
        if c_parts and c_parts[0]:
            return c_parts[0] + [c_parts[1]] + task[len(base) + 1:]
    if len(base) == 1 and base[0] not in f.locals.get(c['func'], ()):
        return task
    raise Reject('the stop path in %s() cannot reach the task pointer'
                 % s['func'])


def check_statement(pair):
    """The IS_ERR() test added after a creation that had none."""
    t = text(pair['task'])
    undo = ''.join('kthread_stop(%s);\n' % text(u) for u in pair['unwind'])
    if undo:
        return 'if (IS_ERR(%s)) {\n%sreturn PTR_ERR(%s);\n}' % (t, undo, t)
    return 'if (IS_ERR(%s))\nreturn PTR_ERR(%s);' % (t, t)


# ---------------------------------------------------------------------
# Recording facts from the matching rules.

def element(pos):
    """The function a position lies in, None at file scope."""
    name = pos[0].current_element
    return None if name == 'something_else' else name


def note_creation(pc, fn, creator, args):
    note_start_func(pc)
    start_file(pc)
    f = facts(pc)
    c = {'fn': fn, 'creator': creator, 'func': element(pc),
         'line': int(pc[0].line), 'col': int(pc[0].column), 'pos': pc,
         'args': [[fn]] + (split_top(toks(args), ',') if toks(args)
                           else []),
         'shape': None, 'target': None, 'next': None, 'next2': None,
         'ret': None, 'before': []}
    same = [o for o in f.creations.get(fn, [])
            if (o['line'], o['col']) == (c['line'], c['col'])]
    if not same:
        f.creations.setdefault(fn, []).append(c)


def creation_at(pc):
    for cs in facts(pc).creations.values():
        for c in cs:
            if (c['line'], c['col']) == (int(pc[0].line), int(pc[0].column)):
                return c
    raise KeyError(pc[0].line)


def note_func(p, fn, rt, body):
    f = facts(p)
    f.funcs[fn] = toks(body)
    f.rettypes[fn] = ' '.join(t for t in toks(rt) if not t.startswith('__')
                              and t not in ('static', 'inline'))


def note_signal(p, name, arg):
    f = facts(p)
    ch = chan_arg(toks(arg))
    if not ch:
        return
    s = (element(p), name, ch[0], int(p[0].line), p)
    if all((o[0], o[3], o[2]) != (s[0], s[3], s[2]) for o in f.signals):
        f.signals.append(s)


def wait_of(ts):
    """(name, channel key, channel tokens) when statement ts waits for a
    channel the way a stop path does."""
    c = stmt_call(ts)
    if not c or c[0] not in WAITS or len(c[1]) != WAITS[c[0]]:
        return None
    ch = chan_arg(c[1][0])
    return ch and (c[0], ch[0], ch[1])


def note_stopper(ps, pw, st, s1, s2, b1, b2):
    f = facts(ps)
    raised = flag_of_set(toks(s1))
    w = wait_of(toks(s2))
    between = [toks(b) for b in (b1, b2) if b]
    s = {'func': st, 'key': raised[0], 'lv': raised[1], 'chan': w[1],
         'chan_lv': w[2], 'wait': w[0], 'between': between, 'pos': ps,
         'first': int(ps[0].line), 'wait_first': int(pw[0].line),
         'wait_last': int(pw[0].line_end),
         'seq': toks(s1) + [t for b in between for t in b] + toks(s2)}
    if all((o['func'], o['first']) != (st, s['first']) for o in f.stoppers):
        f.stoppers.append(s)


def note_init(p, arg, rest=''):
    ch = chan_arg(toks(arg))
    if ch:
        i = (ch[0], element(p), int(p[0].line), text(toks(rest)))
        if i not in facts(p).inits:
            facts(p).inits.append(i)


def note_start_wait(pc, fn, arg, pw):
    ch = chan_arg(toks(arg))
    if ch:
        w = (fn, ch[0], int(pw[0].line))
        if w not in facts(pc).start_waits:
            facts(pc).start_waits.append(w)


def watched_chans():
    f = current[0]
    if f is None:
        return set()
    if 'watched' not in f.__dict__:
        f.watched = {x['chan'] for ex in candidates(f).values() for x in ex}
    return f.watched


def census_chan(expr):
    if not may_name(expr, watched_chans()):
        return False
    ts = toks(expr)
    k = lvalue_key(ts) if ts else None
    return bool(k) and any(same_storage(k, w) for w in watched_chans())


def note_chan_use(p, expr):
    u = (lvalue_key(toks(expr)), element(p), int(p[0].line))
    if u[1] is None or u[1] == u[0].split(':')[-1]:
        return
    if u not in facts(p).chan_uses:
        facts(p).chan_uses.append(u)


def watched_keys():
    f = current[0]
    if f is None:
        return set()
    return {s['key'] for s in f.stoppers}


def census_read(expr):
    if not may_name(expr, watched_keys()):
        return False
    ts = toks(expr)
    k = read_key(ts) if ts else None
    return bool(k) and any(same_flag(k, w) for w in watched_keys())


def census_write(stmt):
    if not may_name(stmt, watched_keys()):
        return False
    ts = toks(stmt)
    k = flag_write(ts) if ts else None
    return bool(k) and any(same_flag(k, w) for w in watched_keys())


def note_write(p, stmt):
    ts = toks(stmt)
    raised = flag_of_set(ts)
    how = 'set' if raised else 'clear'
    key = raised[0] if raised else flag_of_clear(ts)
    w = (key, element(p), int(p[0].line), int(p[0].line_end), how)
    f = facts(p)
    if w not in f.writes:
        f.writes.append(w)


def note_read(p, expr):
    r = (read_key(toks(expr)), element(p), int(p[0].line))
    f = facts(p)
    if r not in f.reads:
        f.reads.append(r)


def is_raise(stmt):
    ts = toks(stmt)
    return bool(ts) and flag_of_set(ts) is not None


def is_chan_wait(stmt):
    ts = toks(stmt)
    return bool(ts) and wait_of(ts) is not None


def is_between(stmt):
    ts = toks(stmt)
    return bool(ts) and between_kind(ts) is not None


def is_barrier(stmt):
    ts = toks(stmt)
    return bool(ts) and between_kind(ts) == 'barrier'


# ---------------------------------------------------------------------
# Handing decisions to the rewriting rules.

def pairs_of(pos):
    return decide(facts(pos))[0]


def decided():
    f = current[0]
    return f.decision[0] if f and f.decision else []


def approved_stopper(pos, func):
    for pair in pairs_of(pos):
        for s in pair['stoppers']:
            if s['func'] == func and s['first'] == int(pos[0].line):
                return pair, s
    return None


def first_time(pos, *what):
    """True the first time this combination is handed out in this file,
    so that no rewrite is requested twice."""
    f = facts(pos)
    seen = f.__dict__.setdefault('handed', set())
    if what in seen:
        return False
    seen.add(what)
    return True


def approved_pair(pos, fn):
    for pair in pairs_of(pos):
        if pair['fn'] == fn:
            return pair
    return None


def thread_of(fn):
    for pair in decided():
        if pair['fn'] == fn:
            return pair
    return None


def stopped_with(stmt, func, task, mode, test):
    """Does stmt pass test for a stop path of func that stops task, in a
    pair of the given mode (None: any)?"""
    ts = toks(stmt)
    if not ts:
        return False
    for pair in decided():
        if mode and pair['mode'] != mode:
            continue
        for s in pair['stoppers']:
            if s['func'] == func and toks(text(s['task'])) == toks(task) \
                    and test(ts, pair, s):
                return True
    return False


def raises_for(stmt, func, task, mode):
    return stopped_with(stmt, func, task, mode,
                        lambda ts, pair, s: (flag_of_set(ts) or
                                             (None,))[0] == s['key'])


def raises_dropped(stmt, func, task):
    """Does stmt raise the flag of a thread that polls
    kthread_should_stop() instead, in its stop path func?"""
    return raises_for(stmt, func, task, 'stop')


def raises_kept(stmt, func, task):
    """Does stmt raise a flag that stays, in the stop path func?"""
    return raises_for(stmt, func, task, 'keep')


def waits_for(stmt, func, task):
    return stopped_with(stmt, func, task, None,
                        lambda ts, pair, s: ts == s['seq'][-len(ts):] and
                        bool(wait_of(ts)))


def waits_in(stmt, func):
    """Is stmt the wait of some rewritten stop path in func?"""
    ts = toks(stmt)
    return bool(ts) and any(s['func'] == func and ts == s['seq'][-len(ts):]
                            and wait_of(ts) for pair in decided()
                            for s in pair['stoppers'])


def exit_chan(expr, fn):
    """Is expr the channel argument of an exit of the rewritten thread fn?"""
    pair = thread_of(fn)
    ch = chan_arg(toks(expr))
    return bool(pair and ch) and same_storage(ch[0], pair['chan'])


def plain_init(expr):
    """Is expr an initialiser without calls (the thread argument, a member
    of it, its address, a cast), whose removal changes nothing else?"""
    ts = toks(expr)
    return bool(ts) and not calls_in(ts) and \
        not any(t in ('=', '++', '--') for t in ts)


def stop_cleared(expr, fn):
    """Does expr test that the stop flag of thread fn is clear?"""
    pair = thread_of(fn)
    r = test_of(toks(expr))
    return bool(pair and r) and pair['mode'] == 'stop' and \
        r[0] == pair['tkey'] and r[1] == 'clear'


def stop_raised(expr, fn):
    pair = thread_of(fn)
    r = test_of(toks(expr))
    return bool(pair and r) and pair['mode'] == 'stop' and \
        r[0] == pair['tkey'] and r[1] == 'set'


def thread_drops(stmt, fn):
    """Clears of the stop flag inside a thread that polls
    kthread_should_stop() instead."""
    pair = thread_of(fn)
    ts = toks(stmt)
    return bool(pair and ts) and pair['mode'] == 'stop' and \
        flag_of_clear(ts) == pair['tkey']


def reset_dropped(stmt, func):
    ts = toks(stmt)
    if not ts:
        return False
    key = flag_write(ts)
    return key is not None and resets_to_drop_in(decided(), func, key)


def resets_to_drop(pos, func, key):
    return resets_to_drop_in(pairs_of(pos), func, key)


def resets_to_drop_in(pairs, func, key):
    """Is a write of key in func (outside the thread) to be dropped?"""
    return any(func != p['fn'] and same_flag(key, p['key']) and
               p['mode'] == 'stop'
               for p in pairs)


def init_dropped(expr):
    """Is expr the channel of an initialisation that goes?"""
    ch = chan_arg(toks(expr))
    return bool(ch) and any(same_storage(ch[0], p['schan']) and
                            not p['start'] for p in decided())


# ---------------------------------------------------------------------
# Declarations, once the rewrites are done: channels and flags that
# nothing uses any more go, the new task pointers take their place.

def storage(key):
    """('g', global name) or ('f', field name) a key lives in."""
    kind, path = key.split(':')[-2:]
    return ('g', path) if kind == 'g' else ('f', path.split('.')[-1])


def decl_candidates(f):
    if 'decl_candidates' not in f.__dict__:
        cands = set()
        for pair in decide(f)[0]:
            cands.add(storage(pair['schan']))
            if pair['mode'] == 'stop':
                cands.add(storage(pair['key']))
        f.decl_candidates = cands
    return f.decl_candidates


def global_candidate(name):
    f = current[0]
    return f is not None and f.decision is not None and \
        ('g', name) in decl_candidates(f)


def field_candidate(name):
    f = current[0]
    return f is not None and f.decision is not None and \
        ('f', name) in decl_candidates(f)


def note_still_used(p, kind, name):
    """A use left after the rewrites; a global's own declaration, which
    spatch sees as an expression inside a declarer, does not count."""
    if kind == 'g' and element(p) in (None, name):
        return
    facts(p).still_used.add((kind, name))


def removable(f, kind, name):
    if (kind, name) not in decl_candidates(f) or \
            (kind, name) in f.still_used:
        return False
    if kind == 'f':
        return len(f.fields.get(name, ())) == 1
    return True


def task_decl_for(f, kind, name):
    """Name of the new task pointer that goes where the channel kind/name
    is declared, or None."""
    for pair in decide(f)[0]:
        if pair['task_new'] and storage(pair['schan']) == (kind, name):
            return pair['task'][-1]
    return None


def decl_action(p, kind, name, struct=None):
    """What happens to the declaration of name: ('drop', None),
    ('replace', task), ('after', task) or None."""
    f = facts(p)
    if kind == 'g' and element(p) not in (None, name):
        return None
    if kind == 'f' and f.fields.get(name) != {struct}:
        return None
    task = task_decl_for(f, kind, name)
    if removable(f, kind, name):
        return ('replace', task) if task else ('drop', None)
    return ('after', task) if task else None


# ---------------------------------------------------------------------
# Findings, for the report, org and explain modes.

def flag_name(key):
    kind, rest = key.split(':', 1)
    if kind == 'b':
        bit, rest = rest.split(':', 1)
    where, path = rest.split(':', 1)
    name = path if where == 'g' else '->' + path
    if kind == 'a':
        return 'atomic_t ' + name
    if kind == 'b':
        return 'bit %s of %s' % (bit, name)
    return name


def stopper_names(stoppers):
    return ', '.join(sorted({s['func'] + '()' for s in stoppers}))


def findings(f):
    """(position, message) of every finding in the file, in file order."""
    pairs, rejected = decide(f)
    out = []
    for pair in pairs:
        one = len({s['func'] for s in pair['stoppers']}) == 1
        how = 'use kthread_should_stop() and kthread_stop()' \
            if pair['mode'] == 'stop' else \
            'use kthread_stop() after the wake-up and keep the flag%s' % \
            (', the thread sleeps in %s()' % pair['sleep']
             if pair['sleep'] else '')
        out.append((pair['pos'], FOUND
                    % (key_name(pair['schan']), pair['fn'],
                       stopper_names(pair['stoppers']), 's' if one else '',
                       flag_name(pair['key']), 's' if one else '', how)))
    for r in rejected:
        out.append((r['pos'], REFUSED
                    % (key_name(r['chan']), r['fn'], r['why'])))
    out = [o for o in out if o[0]]
    out.sort(key=lambda x: (int(x[0][0].line), int(x[0][0].column)))
    return out


def refusals(f):
    """Why each candidate was left alone, for the explain mode: the
    reported refusals and the threads that nothing asks to stop."""
    out = [x for x in findings(f) if ' not rewritten: ' in x[1]]
    out += [(q['pos'], REFUSED % (key_name(q['chan']), q['fn'], q['why']))
            for q in f.quiet if q['pos']]
    out.sort(key=lambda x: (int(x[0][0].line), int(x[0][0].column)))
    return out
// ---------------------------------------------------------------------
// Facts: where threads start, how they end, who waits for what.

// Spelled out, not an identifier set, so that spatch derives a grep
// query from these names and only parses the files that use them.
@kthread_calls@
@@

(
kthread_run(...)
|
kthread_create(...)
|
kthread_create_on_node(...)
|
kthread_run_on_cpu(...)
)

@creation depends on kthread_calls@
identifier fn;
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu};
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

note_creation(pc, fn, creator, args)

@creation_drop@
identifier creation.fn, creation.creator;
position creation.pc;
@@

creator@pc(fn, ...);

@script:python@
pc << creation.pc;
@@

creation_at(pc)['shape'] = 'drop'

@creation_store@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
@@

T = creator@pc(fn, ...);

@script:python@
pc << creation.pc;
t << creation_store.T;
@@

creation_at(pc)['shape'] = 'store'
creation_at(pc)['target'] = strip_parens(toks(t))

@creation_next exists@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
statement S1;
@@

T = creator@pc(fn, ...);
S1

@script:python@
pc << creation.pc;
s1 << creation_next.S1;
@@

creation_at(pc)['next'] = toks(s1)

@creation_next2 exists@
identifier creation.fn, creation.creator;
position creation.pc;
expression T;
statement S1, S2;
@@

T = creator@pc(fn, ...);
S1
S2

@script:python@
pc << creation.pc;
s2 << creation_next2.S2;
@@

creation_at(pc)['next2'] = toks(s2)

// The function of the start, found by name: a nest over every body is
// slow on large files.
@creation_func@
identifier f : script:python() { is_start_func(f) };
type RT;
@@

RT f(...) { ... }

@script:python@
pc << creation.pc;
f << creation_func.f;
rt << creation_func.RT;
@@

if element(pc) == f:
    creation_at(pc)['ret'] = ' '.join(t for t in toks(rt)
                                       if not t.startswith('__'))

@creation_params@
identifier creation_func.f;
identifier L;
type T;
@@

f(..., T L, ...) { ... }

@script:python@
pc << creation.pc;
f << creation_func.f;
l << creation_params.L;
@@

facts(pc).locals.setdefault(f, set()).add(l)

@creation_locals@
identifier L;
type T;
expression E;
position p : script:python() { in_start_func(p) };
@@

(
T L@p;
|
T L@p = E;
)

@script:python@
pc << creation.pc;
l << creation_locals.L;
p << creation_locals.p;
@@

if element(p) == element(pc) and p[0].file == pc[0].file:
    facts(pc).locals.setdefault(element(pc), set()).add(l)

// The start handshake: a wait right after the start, or after its check.
@start_wait exists@
identifier creation.fn, creation.creator;
position creation.pc;
identifier w = {down, down_interruptible, down_killable};
expression T, E;
statement S;
position pw;
@@

(
T = creator@pc(fn, ...);
|
creator@pc(fn, ...);
)
(
w@pw(E, ...);
|
if (...) S
w@pw(E, ...);
)

@script:python@
pc << creation.pc;
fn << creation.fn;
e << start_wait.E;
pw << start_wait.pw;
@@

note_start_wait(pc, fn, e, pw)

@funcs depends on creation@
identifier f;
type RT;
statement list SL;
position p;
@@

RT f@p(...) { SL }

@script:python@
f << funcs.f;
rt << funcs.RT;
sl << funcs.SL;
p << funcs.p;
@@

note_func(p, f, rt, sl)

@signal_call depends on creation@
identifier sig = {up};
expression E;
position p;
@@

sig@p(E)

@script:python@
sig << signal_call.sig;
e << signal_call.E;
p << signal_call.p;
@@

note_signal(p, sig, e)

@stopper depends on creation exists@
identifier st;
statement S1 : script:python() { is_raise(S1) };
statement S2 : script:python() { is_chan_wait(S2) };
statement B1 : script:python() { is_between(B1) };
statement B2 : script:python() { is_between(B2) };
position ps, pw;
@@

st(...) {
  ... when any
(
  S1@ps
  S2@pw
|
  S1@ps
  B1
  S2@pw
|
  S1@ps
  B1
  B2
  S2@pw
)
  ... when any
}

@script:python@
st << stopper.st;
s1 << stopper.S1;
s2 << stopper.S2;
b1 << stopper.B1 = "";
b2 << stopper.B2 = "";
ps << stopper.ps;
pw << stopper.pw;
@@

note_stopper(ps, pw, st, s1, s2, b1, b2)

// Only a start paired with a stop path can need an unwinding path; the
// search is slow in large functions, so it waits for a stop path.
@creation_before depends on stopper exists@
identifier creation.fn, creation.creator;
position creation.pc;
identifier g : script:python() { needs_undo(g) };
position pg;
@@

g@pg(...)
...
creator@pc(fn, ...)

@script:python@
pc << creation.pc;
g << creation_before.g;
pg << creation_before.pg;
@@

if (pg[0].line, pg[0].column) != (pc[0].line, pc[0].column):
    before = creation_at(pc)['before']
    if (g, int(pg[0].line)) not in before:
        before.append((g, int(pg[0].line)))
        before.sort(key=lambda b: b[1])

// The facts below serve only to pair threads with stop paths: without a
// stop path there is nothing to pair, and they are not gathered.
@chan_init depends on stopper@
expression E, N;
position p;
@@

sema_init@p(E, N);

@script:python@
e << chan_init.E;
n << chan_init.N;
p << chan_init.p;
@@

note_init(p, e, n)

@census_chan depends on stopper@
expression E : script:python() { census_chan(E) };
position p;
@@

E@p

@script:python@
e << census_chan.E;
p << census_chan.p;
@@

note_chan_use(p, e)

@census_write depends on stopper@
statement S : script:python() { census_write(S) };
position p;
@@

S@p

@script:python@
s << census_write.S;
p << census_write.p;
@@

note_write(p, s)

@census_read depends on stopper@
expression E : script:python() { census_read(E) };
position p;
@@

E@p

@script:python@
e << census_read.E;
p << census_read.p;
@@

note_read(p, e)

@field_facts depends on stopper@
identifier S, F;
type T;
position p;
@@

struct S@p { ... T F; ... };

@script:python@
s << field_facts.S;
fld << field_facts.F;
p << field_facts.p;
@@

facts(p).fields.setdefault(fld, set()).add(s)

// ---------------------------------------------------------------------
// Decisions handed to the rewriting rules, keyed by function, flag and
// semaphore: positions do not survive the rewrites that come before them.

@script:python ok_stop@
st << stopper.st;
ps << stopper.ps;
ST;
T;
@@

found = approved_stopper(ps, st)
if found and first_time(ps, 'stop', st, found[0]['fn']):
    coccinelle.ST = cocci.make_ident(st)
    coccinelle.T = cocci.make_expr(text(found[1]['task']))
else:
    coccinelle.ST = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_barrier@
st << stopper.st;
ps << stopper.ps;
ST;
T;
@@

found = approved_stopper(ps, st)
if found and found[0]['mode'] == 'stop' and \
        first_time(ps, 'barrier', st, found[0]['fn']):
    coccinelle.ST = cocci.make_ident(st)
    coccinelle.T = cocci.make_expr(text(found[1]['task']))
else:
    coccinelle.ST = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_thread@
fn << creation.fn;
pc << creation.pc;
FN;
@@

ok = approved_pair(pc, fn) and first_time(pc, 'thread', fn)
coccinelle.FN = cocci.make_ident(fn if ok else NO_NAME)

@script:python ok_park@
fn << creation.fn;
pc << creation.pc;
FN;
@@

pair = approved_pair(pc, fn)
ok = pair and pair['park'] and not pair['freezable'] and \
    first_time(pc, 'park', fn)
coccinelle.FN = cocci.make_ident(fn if ok else NO_NAME)

@script:python ok_park_freezable@
fn << creation.fn;
pc << creation.pc;
FN;
@@

pair = approved_pair(pc, fn)
ok = pair and pair['park'] and pair['freezable'] and \
    first_time(pc, 'park_freezable', fn)
coccinelle.FN = cocci.make_ident(fn if ok else NO_NAME)

@script:python ok_return@
fn << creation.fn;
pc << creation.pc;
FN;
@@

pair = approved_pair(pc, fn)
ok = pair and not pair['park'] and first_time(pc, 'return', fn)
coccinelle.FN = cocci.make_ident(fn if ok else NO_NAME)

@script:python ok_drop@
fn << creation.fn;
pc << creation.pc;
FN;
T;
CHK;
@@

pair = approved_pair(pc, fn)
if pair and pair['creation']['shape'] == 'drop':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
    coccinelle.CHK = cocci.make_stmt(check_statement(pair))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)
    coccinelle.CHK = cocci.make_stmt(NO_STMT)

@script:python ok_null@
fn << creation.fn;
pc << creation.pc;
FN;
T;
@@

pair = approved_pair(pc, fn)
if pair and pair['check'] == 'null':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_wake@
fn << creation.fn;
pc << creation.pc;
FN;
T;
@@

pair = approved_pair(pc, fn)
if pair and pair['wake']:
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_addcheck@
fn << creation.fn;
pc << creation.pc;
FN;
T;
CHK;
@@

pair = approved_pair(pc, fn)
if pair and pair['creation']['shape'] == 'store' and \
        pair['check'] == 'none':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
    coccinelle.CHK = cocci.make_stmt(check_statement(pair))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)
    coccinelle.CHK = cocci.make_stmt(NO_STMT)

@script:python ok_reset@
s << census_write.S;
p << census_write.p;
FUNC;
@@

func = element(p)
ok = func is not None and resets_to_drop(p, func, flag_write(toks(s))) \
    and first_time(p, 'reset', func)
coccinelle.FUNC = cocci.make_ident(func if ok else NO_NAME)

// ---------------------------------------------------------------------
// The stop paths: the down() of the terminate semaphore becomes
// kthread_stop().
// With the flag replaced by kthread_should_stop(), raising it goes too;
// the wake-ups stay, before kthread_stop(), for the sleeps they end.

@stop_1 depends on patch@
identifier ok_stop.ST;
expression ok_stop.T;
statement S1 : script:python(ST, T) { raises_dropped(S1, ST, T) };
statement S2 : script:python(ST, T) { waits_for(S2, ST, T) };
statement B1 : script:python() { is_between(B1) };
statement B2 : script:python() { is_between(B2) };
@@

ST(...) {
  <...
(
- S1
- S2
+ kthread_stop(T);
|
- S1
  B1
- S2
+ kthread_stop(T);
|
- S1
  B1
  B2
- S2
+ kthread_stop(T);
)
  ...>
}

@stop_2 depends on patch@
identifier ok_stop.ST;
expression ok_stop.T;
statement S1 : script:python(ST, T) { raises_kept(S1, ST, T) };
statement S2 : script:python(ST, T) { waits_for(S2, ST, T) };
statement B1 : script:python() { is_between(B1) };
statement B2 : script:python() { is_between(B2) };
@@

ST(...) {
  <...
(
  S1
- S2
+ kthread_stop(T);
|
  S1
  B1
- S2
+ kthread_stop(T);
|
  S1
  B1
  B2
- S2
+ kthread_stop(T);
)
  ...>
}

// kthread_stop() wakes the thread itself.
@stop_3 depends on patch@
identifier ok_stop.ST;
expression ok_stop.T;
@@

ST(...) {
  <...
- wake_up_process(T);
  kthread_stop(T);
  ...>
}

// A barrier that ordered a flag that is gone against the wait has nothing
// left to order; with the flag kept it still orders it before the wake-up.
@stop_4 depends on patch@
identifier ok_barrier.ST;
expression ok_barrier.T;
statement B : script:python() { is_barrier(B) };
statement W : script:python() { is_between(W) };
@@

ST(...) {
  <...
(
- B
  kthread_stop(T);
|
- B
  W
  kthread_stop(T);
)
  ...>
}

// ---------------------------------------------------------------------
// Starting the thread: keep the task pointer, check it with IS_ERR().

@start_1 depends on patch@
identifier creation.creator;
identifier ok_drop.FN;
expression ok_drop.T;
statement ok_drop.CHK;
expression list args;
@@

- creator(FN, args);
+ T = creator(FN, args);
+ CHK

@start_2 depends on patch@
identifier creation.creator;
identifier ok_null.FN;
expression ok_null.T;
statement S;
@@

  T = creator(FN, ...);
  if (
- \(!T\|T == NULL\|NULL == T\|T == 0\)
+ IS_ERR(T)
  ) S

// The error code of a failed start is in the pointer; use it where the
// failure branch only returns, or first sets the return value.
@start_3 depends on patch@
identifier creation.creator;
identifier ok_null.FN;
expression ok_null.T;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
@@

  T = creator(FN, ...);
  if (IS_ERR(T))
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
)

@start_4 depends on patch@
identifier ok_wake.FN;
expression ok_wake.T;
expression list args;
statement S;
@@

(
- T = kthread_create(FN, args);
+ T = kthread_run(FN, args);
  if (\(IS_ERR(T)\|IS_ERR_OR_NULL(T)\)) S
- wake_up_process(T);
|
- T = kthread_create(FN, args);
+ T = kthread_run(FN, args);
- wake_up_process(T);
)

@start_5 depends on patch@
identifier creator = {kthread_run, kthread_create_on_node,
                      kthread_run_on_cpu};
identifier ok_addcheck.FN;
expression ok_addcheck.T;
statement ok_addcheck.CHK;
expression list args;
@@

  T = creator(FN, args);
+ CHK

// ---------------------------------------------------------------------
// The thread: its exits return what they passed on, after waiting to be
// stopped when it could get there first; the flag becomes
// kthread_should_stop() where the thread can poll that.

@exit_1 depends on patch@
identifier ok_park.FN;
expression C : script:python(FN) { exit_chan(C, FN) };
expression X;
@@

FN(...) {
  <...
(
- up(C);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  return X;
|
- up(C);
- \(do_exit\|kthread_exit\)(X);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
+ return X;
|
- up(C);
- \(complete_and_exit\|kthread_complete_and_exit\)(NULL, X);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
+ return X;
)
  ...>
}

// A freezable thread must still freeze while it waits to be stopped
// (hazard 6), or suspend would fail on it.
@exit_2 depends on patch@
identifier ok_park_freezable.FN;
expression C : script:python(FN) { exit_chan(C, FN) };
expression X;
@@

FN(...) {
  <...
(
- up(C);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	try_to_freeze();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
  return X;
|
- up(C);
- \(do_exit\|kthread_exit\)(X);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	try_to_freeze();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
+ return X;
|
- up(C);
- \(complete_and_exit\|kthread_complete_and_exit\)(NULL, X);
+ /* Wait for kthread_stop(): it must not find this task gone. */
+ set_current_state(TASK_INTERRUPTIBLE);
+ while (!kthread_should_stop()) {
+ 	schedule();
+ 	try_to_freeze();
+ 	set_current_state(TASK_INTERRUPTIBLE);
+ }
+ __set_current_state(TASK_RUNNING);
+ return X;
)
  ...>
}

@exit_3 depends on patch@
identifier ok_return.FN;
expression C : script:python(FN) { exit_chan(C, FN) };
expression X;
@@

FN(...) {
  <...
(
- up(C);
  return X;
|
- up(C);
- \(do_exit\|kthread_exit\)(X);
+ return X;
|
- up(C);
- \(complete_and_exit\|kthread_complete_and_exit\)(NULL, X);
+ return X;
)
  ...>
}

@thread_1 depends on patch@
identifier ok_thread.FN;
expression E : script:python(FN) { stop_cleared(E, FN) };
@@

FN(...) {
  <...
- E
+ !kthread_should_stop()
  ...>
}

@thread_2 depends on patch@
identifier ok_thread.FN;
expression E : script:python(FN) { stop_raised(E, FN) };
@@

FN(...) {
  <...
- E
+ kthread_should_stop()
  ...>
}

@thread_3 depends on patch@
identifier ok_thread.FN;
@@

FN(...) {
  <...
(
  !kthread_should_stop()
- && !kthread_should_stop()
|
  kthread_should_stop()
- || kthread_should_stop()
)
  ...>
}

@thread_4 depends on patch@
identifier ok_thread.FN;
statement S : script:python(FN) { thread_drops(S, FN) };
@@

FN(...) {
  <...
- S
  ...>
}

// Locals that only carried the flag or the semaphore out of the thread
// argument: initialised without a call, unused once those are gone (twice,
// for an alias of an alias).
@thread_5 depends on patch@
identifier ok_thread.FN;
identifier arg, v;
type T, T2;
expression E : script:python() { plain_init(E) };
@@

int FN(T arg) {
  ... when != v
- T2 v = E;
  ... when != v
}

@thread_6 depends on patch@
identifier ok_thread.FN;
identifier arg, v;
type T, T2;
expression E : script:python() { plain_init(E) };
@@

int FN(T arg) {
  ... when != v
- T2 v = E;
  ... when != v
}

// Resets of the stop flag outside the thread, and the initialisations
// of a semaphore that is gone.
@reset_1 depends on patch@
identifier ok_reset.FUNC;
statement S : script:python(FUNC) { reset_dropped(S, FUNC) };
@@

FUNC(...) {
  <...
- S
  ...>
}

@init_1 depends on patch && creation@
expression C : script:python() { init_dropped(C) };
expression N;
@@

- sema_init(C, N);

// ---------------------------------------------------------------------
// What the rewrites left unused, and where the new task pointers go.

@still_global depends on stopper@
identifier I : script:python() { global_candidate(I) };
position p;
@@

I@p

@script:python@
i << still_global.I;
p << still_global.p;
@@

note_still_used(p, 'g', i)

@still_field depends on stopper@
expression E;
identifier F : script:python() { field_candidate(F) };
position p;
@@

(
E->F@p
|
E.F@p
)

@script:python@
fld << still_field.F;
p << still_field.p;
@@

note_still_used(p, 'f', fld)

@global_decl depends on stopper@
identifier I : script:python() { global_candidate(I) };
type T;
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
AFTER;
TASK;
@@

act = decl_action(p, 'g', i) or (None, None)
coccinelle.DROP = cocci.make_ident(i if act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(i if act[0] == 'replace' else NO_NAME)
coccinelle.AFTER = cocci.make_ident(i if act[0] == 'after' else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] or NO_NAME)

@field_decl depends on stopper@
identifier S, F : script:python() { field_candidate(F) };
type T;
position p;
@@

struct S { ... T F@p; ... };

@script:python ok_field@
s << field_decl.S;
fld << field_decl.F;
p << field_decl.p;
SN;
DROP;
REPL;
AFTER;
TASK;
@@

act = decl_action(p, 'f', fld, s) or (None, None)
coccinelle.SN = cocci.make_ident(s)
coccinelle.DROP = cocci.make_ident(fld if act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(fld if act[0] == 'replace' else NO_NAME)
coccinelle.AFTER = cocci.make_ident(fld if act[0] == 'after' else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] or NO_NAME)

@decl_1 depends on patch@
identifier ok_global.DROP;
type T;
expression E;
@@

(
- T DROP;
|
- T DROP = E;
)

@decl_2 depends on patch@
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

@decl_3 depends on patch@
identifier ok_global.AFTER, ok_global.TASK;
type T;
expression E;
@@

(
  T AFTER;
+ static struct task_struct *TASK;
|
  T AFTER = E;
+ static struct task_struct *TASK;
)

@decl_4 depends on patch@
identifier ok_field.SN, ok_field.DROP;
type T;
@@

struct SN {
  ...
- T DROP;
  ...
};

@decl_5 depends on patch@
identifier ok_field.SN, ok_field.REPL, ok_field.TASK;
type T;
@@

struct SN {
  ...
- T REPL;
+ struct task_struct *TASK;
  ...
};

@decl_6 depends on patch@
identifier ok_field.SN, ok_field.AFTER, ok_field.TASK;
type T;
@@

struct SN {
  ...
  T AFTER;
+ struct task_struct *TASK;
  ...
};

// ---------------------------------------------------------------------
// Findings.

@ctx_exit depends on context@
identifier ok_thread.FN;
expression C : script:python(FN) { exit_chan(C, FN) };
@@

FN(...) {
  <...
* up(C);
  ...>
}

@ctx_stop depends on context@
identifier ok_stop.ST;
statement S2 : script:python(ST) { waits_in(S2, ST) };
@@

ST(...) {
  <...
* S2
  ...>
}

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

# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of cocci/kthreadify_lib.py, the C-reading helpers the rules
share. Inputs are written the way spatch hands code to scripts: tokens
separated by single spaces (toks() must not depend on it)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..',
                                'cocci'))
import kthreadify_lib as k  # noqa: E402


def T(code):
    return k.toks(code)


class Tokens(unittest.TestCase):
    def test_tokens_ignore_spacing(self):
        self.assertEqual(T('dev->stop=1;'), T('dev -> stop = 1 ;'))

    def test_string_with_spaces_is_one_token(self):
        self.assertEqual(T('pr_info ( "a b ; c" ) ;'),
                         ['pr_info', '(', '"a b ; c"', ')', ';'])

    def test_char_literals(self):
        self.assertEqual(T("c = ';' ;"), ['c', '=', "';'", ';'])

    def test_text_respaces_kernel_style(self):
        self.assertEqual(k.text(T('pump . thread . task')), 'pump.thread.task')
        self.assertEqual(k.text(T('kthread_stop ( dev -> t ) ;')),
                         'kthread_stop(dev->t);')


class FlagKeys(unittest.TestCase):
    def test_global_and_member_keys(self):
        self.assertEqual(k.read_key(T('must_exit')), 'v:g:must_exit')
        self.assertEqual(k.read_key(T('dev -> thread . stop')),
                         'v:m:thread.stop')
        self.assertEqual(k.read_key(T('pump . thread . stop')),
                         'v:m:thread.stop')

    def test_atomic_bit_and_wrapped_reads(self):
        self.assertEqual(k.read_key(T('atomic_read ( & stop )')), 'a:g:stop')
        self.assertEqual(k.read_key(T('test_bit ( STOP , & p -> flags )')),
                         'b:STOP:m:flags')
        self.assertEqual(k.read_key(T('READ_ONCE ( stop )')), 'v:g:stop')
        self.assertEqual(k.read_key(T('unlikely ( ( stop ) )')), 'v:g:stop')

    def test_not_a_flag(self):
        self.assertIsNone(k.read_key(T('f ( x )')))
        self.assertIsNone(k.read_key(T('a [ 1 ]')))

    def test_polarity(self):
        key = 'v:g:stop'
        self.assertEqual(k.polarity(T('! stop'), key), 'clear')
        self.assertEqual(k.polarity(T('stop == 0'), key), 'clear')
        self.assertEqual(k.polarity(T('0 != stop'), key), 'set')
        self.assertEqual(k.polarity(T('stop == true'), key), 'set')
        self.assertIsNone(k.polarity(T('stop == 2'), key))
        self.assertIsNone(k.polarity(T('other'), key))

    def test_set_and_clear_statements(self):
        self.assertEqual(k.flag_of_set(T('stop = 1 ;'))[0], 'v:g:stop')
        self.assertEqual(k.flag_of_set(T('atomic_inc ( & s ) ;'))[0],
                         'a:g:s')
        self.assertEqual(k.flag_of_set(T('set_bit ( B , & w ) ;'))[0],
                         'b:B:g:w')
        self.assertIsNone(k.flag_of_set(T('stop = 0 ;')))
        self.assertIsNone(k.flag_of_set(T('atomic_set ( & s , 0 ) ;')))
        self.assertEqual(k.flag_of_clear(T('atomic_set ( & s , 0 ) ;')),
                         'a:g:s')
        self.assertEqual(k.flag_of_clear(T('WRITE_ONCE ( d -> s , false ) ;')),
                         'v:m:s')
        self.assertIsNone(k.flag_write(T('stop = x ;')))


class KeyNames(unittest.TestCase):
    def test_last_name_of_every_key_form(self):
        keys = {'g:must_exit', 'm:priv.thread.stop', 'a:g:running',
                'b:0:m:dev.flags', 'v:m:stop', None}
        self.assertEqual(k.key_names(keys),
                         {'must_exit', 'stop', 'running', 'flags'})

    def test_may_name_is_a_necessary_condition(self):
        keys = {k.read_key(T('dev -> priv . stop'))}
        self.assertTrue(k.may_name('d -> stop', keys))
        self.assertTrue(k.may_name('test_bit ( 0 , & stop )', keys))
        self.assertFalse(k.may_name('dev -> running', keys))
        self.assertFalse(k.may_name('dev -> stop', set()))


class Statements(unittest.TestCase):
    def test_statement_boundaries(self):
        ts = T('int i ; if ( a ) b ( ) ; else { c ( ) ; } '
               'do { d ( ) ; } while ( ! s ) ; out : return 0 ;')
        got = [ts[s:e] for s, e in k.statements(ts)]
        self.assertEqual(got, [T('int i ;'), T('if ( a ) b ( ) ; else { c ( ) ; }'),
                               T('do { d ( ) ; } while ( ! s ) ;'),
                               T('out : return 0 ;')])

    def test_loop_parts(self):
        kind, cond, (bs, be) = k.loop_parts(T('for ( ; ; ) x ( ) ;'))
        self.assertEqual((kind, cond), ('for', []))
        kind, cond, _ = k.loop_parts(T('do x ( ) ; while ( ! s ) ;'))
        self.assertEqual((kind, cond), ('do', ['!', 's']))


class Calls(unittest.TestCase):
    def test_keywords_are_not_calls(self):
        self.assertEqual(k.calls_in(T('if ( x ( ) ) while ( y ) return ( z ( ) ) ;')),
                         {'x', 'z'})

    def test_spin_with_a_test_is_still_a_spin(self):
        loop, why = k.analyse_thread(T('while ( ! s ) { if ( x ) cpu_relax ( ) ; }'
                                       ' return 0 ;'), 'v:g:s')
        self.assertIn('spins without sleeping', why)


class Threads(unittest.TestCase):
    KEY = 'v:g:s'

    def why(self, body):
        return k.analyse_thread(T(body), self.KEY)

    def test_polling_loop_found(self):
        loop, why = self.why('x = 0 ; while ( ! s ) msleep ( 1 ) ; return 0 ;')
        self.assertEqual(k.text(loop), 'while(!s) msleep(1);')
        self.assertIsNone(why)

    def test_forever_loop_with_flag_break(self):
        loop, why = self.why('for ( ; ; ) { if ( s ) break ; msleep ( 1 ) ; }'
                             ' return 0 ;')
        self.assertIsNotNone(loop)
        self.assertIsNone(why)

    def test_not_polled(self):
        self.assertEqual(self.why('while ( ! t ) msleep ( 1 ) ; return 0 ;'),
                         (None, None))

    def test_refusals(self):
        cases = {
            'if ( e ) return 1 ; while ( ! s ) msleep ( 1 ) ; return 0 ;':
                'return before',
            'while ( ! s ) { if ( e ) break ; msleep ( 1 ) ; } return 0 ;':
                'leave its loop',
            'while ( ! s && ! e ) msleep ( 1 ) ; return 0 ;':
                'another reason',
            'while ( ! s ) { s = 1 ; msleep ( 1 ) ; } return 0 ;':
                'raises the flag itself',
            'while ( ! s ) cpu_relax ( ) ; return 0 ;':
                'spins without sleeping',
            'while ( ! s ) wait_for_completion ( & c ) ; return 0 ;':
                'cannot interrupt',
            'while ( ! s ) wait_event ( q , d ) ; return 0 ;':
                'does not include the flag',
            'while ( ! s ) { set_current_state ( 1 ) ; schedule ( ) ; }'
            ' return 0 ;': 'could be lost',
        }
        for body, why in cases.items():
            with self.subTest(body=body):
                self.assertIn(why, self.why(body)[1] or '')

    def test_break_in_inner_switch_is_not_an_exit(self):
        loop, why = self.why('while ( ! s ) { switch ( x ) { case 1 : break ;'
                             ' } msleep ( 1 ) ; } return 0 ;')
        self.assertIsNone(why)

    def test_wait_event_on_the_flag_is_wakeable(self):
        loop, why = self.why('while ( ! s ) wait_event ( q , d || s ) ;'
                             ' return 0 ;')
        self.assertIsNone(why)

    def test_state_set_before_the_test(self):
        loop, why = self.why('for ( ; ; ) { set_current_state ( 1 ) ;'
                             ' if ( s ) break ; schedule ( ) ; } return 0 ;')
        self.assertIsNone(why)


class Waits(unittest.TestCase):
    def test_wait_shapes(self):
        self.assertEqual(k.analyse_wait(T('while ( ! e ) msleep ( 1 ) ;')),
                         ('spin', 'v:g:e', 'done'))
        self.assertEqual(k.analyse_wait(T('do { schedule ( ) ; } while ( r ) ;')),
                         ('spin', 'v:g:r', 'running'))
        self.assertEqual(k.analyse_wait(T('wait_event ( q , e ) ;')),
                         ('event', 'v:g:e', 'done', ['q']))
        self.assertEqual(k.analyse_wait(T('msleep ( 100 ) ;')), ('guess',))
        self.assertEqual(k.analyse_wait(T('kthread_stop ( t ) ;')),
                         ('stop', ['t']))

    def test_spin_that_does_work_is_not_a_wait(self):
        self.assertIsNone(k.analyse_wait(T('while ( ! e ) { n ++ ; msleep ( 1 ) ; }')))
        self.assertIsNone(k.analyse_wait(T('while ( ! e ) poke ( ) ;')))

    def test_between(self):
        self.assertEqual(k.between_kind(T('smp_wmb ( ) ;')), 'barrier')
        self.assertEqual(k.between_kind(T('wake_up ( & q ) ;')), 'wakeup')
        self.assertEqual(k.between_kind(T('pr_info ( "x" ) ;')), 'log')
        self.assertIsNone(k.between_kind(T('kfree ( p ) ;')))


if __name__ == '__main__':
    unittest.main()


class FlagUses(unittest.TestCase):
    def test_reads_and_writes(self):
        ts = T('must_exit = 0 ; if ( must_exit ) x ( ) ; '
               'while ( ! dev -> stop ) msleep ( 1 ) ; '
               'atomic_set ( & a , 1 ) ; y = atomic_read ( & a ) ; '
               'if ( test_bit ( B , & w ) ) z ( ) ;')
        keys = {'v:g:must_exit', 'v:m:stop', 'a:g:a', 'b:B:g:w'}
        reads, writes = k.flag_uses(ts, keys)
        self.assertEqual(sorted(r[0] for r in reads),
                         ['a:g:a', 'b:B:g:w', 'v:g:must_exit', 'v:m:stop'])
        self.assertEqual(sorted((w[0], w[1]) for w in writes),
                         [('a:g:a', 'set'), ('v:g:must_exit', 'clear')])

    def test_longer_lvalues_and_other_names_are_not_reads(self):
        ts = T('x = must_exit . count ; y = other_exit ; '
               'z = dev -> stop2 ;')
        reads, writes = k.flag_uses(ts, {'v:g:must_exit', 'v:m:stop'})
        self.assertEqual((reads, writes), ([], []))

    def test_find_tokens(self):
        self.assertEqual(k.find_tokens(T('a b a b'), T('a b')), [0, 2])


class LockCalls(unittest.TestCase):
    def calls(self, code):
        return [(n, k.text(a)) for n, a in k.lock_calls(T(code))]

    def test_call_gives_its_first_argument(self):
        self.assertEqual(self.calls('mutex_lock ( & d -> lock ) ;'),
                         [('mutex_lock', '&d->lock')])

    def test_guards_give_the_lock_they_take(self):
        self.assertEqual(self.calls('guard ( mutex ) ( & cfg_lock ) ;'),
                         [('guard', '&cfg_lock')])
        self.assertEqual(
            self.calls('scoped_guard ( spinlock_irqsave , & d -> lock ) '
                       '{ kthread_stop ( t ) ; }'),
            [('scoped_guard', '&d->lock'), ('kthread_stop', 't')])

    def test_guard_without_lock_is_no_lock(self):
        self.assertEqual(self.calls('guard ( rcu ) ( ) ;'), [])
        self.assertEqual(self.calls('scoped_guard ( rcu ) { }'), [])

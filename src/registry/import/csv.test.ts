import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv (RFC 4180)', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\r\n1,2,3\r\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'LF line ends and no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CR line ends (old Mac Excel)',
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['empty fields', ',,\r\n', [['', '', '']]],
    ['a quoted comma', '"月水金 8:30-12:00, 2名",x\r\n', [['月水金 8:30-12:00, 2名', 'x']]],
    ['doubled quotes', '"彼は""はい""と言った",y', [['彼は"はい"と言った', 'y']]],
    [
      'an embedded CRLF',
      '"1行目\r\n2行目",z\r\nnext,row\r\n',
      [
        ['1行目\r\n2行目', 'z'],
        ['next', 'row'],
      ],
    ],
    ['an empty quoted field', '"",a', [['', 'a']]],
    ['a blank line in the middle', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['a quote inside an unquoted field stays', 'ab"c,d', [['ab"c', 'd']]],
  ])('%s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual({ ok: true, records });
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\r\nc,"never\r\nclosed')).toEqual({ ok: false, error: 'unclosedQuote', line: 2 });
  });

  it('reads the empty text as no records', () => {
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
  });
});

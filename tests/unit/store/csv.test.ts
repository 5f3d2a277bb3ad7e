import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/lib/store/csv';

describe('csvCell', () => {
  it.each([
    ['plain text', 'hello', 'hello'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a new line', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return inside', 'one\r\ntwo', '"one\r\ntwo"'],
    ['a formula', '=1+1', "'=1+1"],
    ['a plus', '+855 12 345 678', "'+855 12 345 678"],
    ['a minus', '-2', "'-2"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=cmd', "'\t=cmd"],
    ['a formula with a comma', '=HYPERLINK("x",1)', '"\'=HYPERLINK(""x"",1)"'],
    ['leading spaces', '  x', '"  x"'],
    ['Khmer', 'សួស្តី', 'សួស្តី'],
    ['an equals sign inside', 'a=b', 'a=b'],
    ['empty', '', ''],
    ['null', null, ''],
    ['a number', 42, '42'],
  ])('%s', (_name, input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF after a BOM', () => {
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { orderTablesForInsert, selfReferences, TableCycleError, type ForeignKey } from './table-order.js';

const fk = (table: string, referencedTable: string, column = `${referencedTable}Id`): ForeignKey => ({
  table,
  columns: [column],
  referencedTable,
  referencedColumns: ['id'],
});

describe('orderTablesForInsert', () => {
  it('puts every table after the tables it refers to, ties by name', () => {
    const order = orderTablesForInsert(
      ['letters', 'cases', 'units', 'organizations', 'calendar_days'],
      [
        fk('letters', 'cases'),
        fk('cases', 'units'),
        fk('cases', 'organizations'),
        fk('units', 'organizations'),
      ],
    );
    expect(order).toEqual(['calendar_days', 'organizations', 'units', 'cases', 'letters']);
  });

  it('orders a table that refers to itself like any other; its rows are the restore’s concern', () => {
    const keys = [fk('organizations', 'organizations', 'parentId'), fk('units', 'organizations')];
    expect(orderTablesForInsert(['units', 'organizations'], keys)).toEqual(['organizations', 'units']);
    expect(selfReferences('organizations', keys)).toEqual([keys[0]]);
    expect(selfReferences('units', keys)).toEqual([]);
  });

  it('ignores keys to tables outside the list (Prisma’s own, another schema)', () => {
    expect(orderTablesForInsert(['a'], [fk('a', 'elsewhere')])).toEqual(['a']);
  });

  it('refuses a cycle between two tables, which no order can satisfy', () => {
    expect(() => orderTablesForInsert(['a', 'b', 'c'], [fk('a', 'b'), fk('b', 'a')])).toThrow(
      TableCycleError,
    );
  });
});

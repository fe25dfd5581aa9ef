import { contractRegistry } from '@/wire';
import { emptyPagedList, pagedListContract, toPagedList } from './page.contract';
import { SuccessResponse } from './admin.contract';

const Page = pagedListContract('SuccessResponsePageForTest', SuccessResponse);

describe('paged list contracts', () => {
  it('maps a repository page and computes TotalPages', () => {
    const list = toPagedList(Page, { items: [1, 2], page: 2, pageSize: 2, totalCount: 5 }, () =>
      SuccessResponse.ok(),
    );
    expect(list).toBeInstanceOf(Page);
    expect({ ...list }).toEqual({
      Items: [SuccessResponse.ok(), SuccessResponse.ok()],
      Page: 2,
      PageSize: 2,
      TotalCount: 5,
      TotalPages: 3,
    });
  });

  it('gives an empty page zero TotalPages', () => {
    expect({ ...emptyPagedList(Page, { page: 4, pageSize: 20 }) }).toEqual({
      Items: [],
      Page: 4,
      PageSize: 20,
      TotalCount: 0,
      TotalPages: 0,
    });
  });

  it('declares the seed-002 members in order under the admin namespace', () => {
    const plan = contractRegistry.plan(Page);
    expect(plan.name).toBe('SuccessResponsePageForTest');
    expect(plan.jsonMembers.map((member) => member.jsonName)).toEqual([
      'Items',
      'Page',
      'PageSize',
      'TotalCount',
      'TotalPages',
    ]);
    expect(plan.namespace).toBe('http://schemas.datacontract.org/2004/07/SessionGateway.Admin');
  });
});

import { legalDocs } from '../data/legal';
import type { AgreementData } from './type';

/** Local copies of the user agreement and (for old clients) the privacy guide. */
Component({
  data: { doc: legalDocs.terms } satisfies AgreementData,
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const doc = query.doc === 'privacy' ? legalDocs.privacy : legalDocs.terms;
      this.setData({ doc });
      wx.setNavigationBarTitle({ title: doc.title });
    },
  },
});

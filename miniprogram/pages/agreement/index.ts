import { legalDocs } from '../../data/legal';

/** Local copies of the user agreement and (for old clients) the privacy guide. */
Component({
  data: {
    doc: legalDocs.terms,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const doc = query.doc === 'privacy' ? legalDocs.privacy : legalDocs.terms;
      this.setData({ doc });
      wx.setNavigationBarTitle({ title: doc.title });
    },
  },
});

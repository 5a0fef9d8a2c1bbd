Component({
  data: { a: 1 },
  methods: {
    foo() {
      this.setData({ a: 2 });
    },
  },
});

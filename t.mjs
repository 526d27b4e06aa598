import MarkdownIt from 'markdown-it';
const md = new MarkdownIt('default', { linkify: true }); md.linkify.test('x'); process.stdout.write(md.linkify.re.src_tlds);

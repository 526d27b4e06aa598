// The needles of link-pretest.ts as a constant, for the fast scanner, which must know whether a text could hold a
// link without loading linkify-it to build them. tests/spec/fast-scan.test.ts checks that this is exactly what
// linkNeedles() builds from the bundled linkify-it (same source, same flags), so a linkify-it release that changes
// its TLD list fails that test instead of changing which texts count as links.

export const LINK_NEEDLES =
  /https?:|ftp:|mailto:|\/\/|localhost|www\.|\.\d{1,3}\.|\.(?:biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|рф|a[cdefgilmnoqrstuwxz]|b[abdefghijmnorstvwyz]|c[acdfghiklmnoruvwxyz]|d[ejkmoz]|e[cegrstu]|f[ijkmor]|g[abdefghilmnpqrstuwy]|h[kmnrtu]|i[delmnoqrst]|j[emop]|k[eghimnprwyz]|l[abcikrstuvy]|m[acdeghklmnopqrstuvwxyz]|n[acefgilopruz]|om|p[aefghklmnrstwy]|qa|r[eosuw]|s[abcdeghijklmnortuvxyz]|t[cdfghjklmnortvwz]|u[agksyz]|v[aceginu]|w[fs]|y[et]|z[amw]|xn--[a-z0-9-]{1,59})(?![0-9a-z])|@/i;

// The local sandbox server that behaves like the WeChat and Weibo menu APIs.

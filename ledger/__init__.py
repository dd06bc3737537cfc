"""The domain core: schema, storage, money, semantics, queries (the one figure engine), import and the demo.

It knows nothing of the web, of search or of question answering; it depends only on ``anonymize``.
"""

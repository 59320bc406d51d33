"""svcq plugin ``vip_butler``: zoned, tiered butler stewardship (分区分级管家服务, East China).

VIP customers (a tag, or a star level from the five-step plugin's owner data)
have their requests routed to the butler of their household with tighter
deadlines; every butler gets a weekly quota of household visits as proactive
tickets; managers keep lists of loyal customers; quarterly customer forums
are recorded. See docs/plugins/vip_butler.md.

Modules: :mod:`.settings` (every default), :mod:`.rules` (pure rules: VIP,
tighter deadlines, weeks, quarters), :mod:`.models` (own tables),
:mod:`.stewardship` (records per community), :mod:`.plugin` (hooks, job),
:mod:`.service` (svcq.vip_butler.v1.ButlerService).
"""

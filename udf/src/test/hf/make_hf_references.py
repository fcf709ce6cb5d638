"""Writes the transformers references of the config switches that shared/reference/families does
not cover, into udf/src/test/resources/hf-reference/VARIANT/ (+ VARIANT.json).

Each variant is a tiny random causal LM made by transformers' own config and model classes
(hidden 32, 2 layers, 4 heads, vocab 512 unless the switch needs otherwise), with the switch
under test on. Every weight is redrawn from N(0, 0.1) (norm gains 1 + N(0, 0.1)) with seed 11,
then saved with save_pretrained in bfloat16, so that the float64 reference below sees exactly
the weights xent reads. The tokenizer files are copied from the matching
shared/reference/families/ARCH folder.

VARIANT.json has the format of shared/reference/families/ARCH.json: the token_ids of
shared/reference/families/text.txt (encoded without special tokens, checked against ARCH.json),
prefix_id, and the per-token float64 log-probs of the transformers class run in float64 with
eager attention under lm-evaluation-harness rolling windows (loglikelihood_rolling, context_len
1, make_disjoint_window) at max_length 128, and their sum.

Rerun (no network needed; transformers 5.x, torch CPU):
    /work/hfvenv/bin/python udf/src/test/hf/make_hf_references.py /work/shared
from the repository root. The outputs are deterministic for a given transformers/torch version.
"""

import json
import shutil
import sys
from pathlib import Path

import torch
import transformers
from transformers import AutoTokenizer

MAX_LENGTH = 128
SEED = 11
STD = 0.1
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json")

# name -> (shared ARCH folder, model class, config class, config overrides, what it switches on)
VARIANTS = {
    "opt-post-ln-projected": (
        "opt", "OPTForCausalLM", "OPTConfig",
        dict(do_layer_norm_before=False, word_embed_proj_dim=16),
        "OPT-350m's wiring: post-LN blocks (do_layer_norm_before false, hence no final norm) and"
        " embeddings of width 16 projected in and out of the 32-wide stream (project_in,"
        " project_out; word_embed_proj_dim 16)"),
    "opt-bare": (
        "opt", "OPTForCausalLM", "OPTConfig",
        dict(enable_bias=False, layer_norm_elementwise_affine=False,
             _remove_final_layer_norm=True, activation_function="gelu",
             tie_word_embeddings=False),
        "OPT without biases (enable_bias false), LayerNorms without gain or bias"
        " (layer_norm_elementwise_affine false), no final norm (_remove_final_layer_norm), exact"
        " GELU, an untied lm_head"),
    "phi3-partial-sliding": (
        "phi3", "Phi3ForCausalLM", "Phi3Config",
        dict(num_key_value_heads=2, sliding_window=48,
             rope_parameters=dict(rope_type="default", rope_theta=10000.0,
                                  partial_rotary_factor=0.5)),
        "Phi-3 with grouped-query attention (2 kv heads), half of each head rotated"
        " (partial_rotary_factor 0.5) and a sliding window of 48 tokens, shorter than the"
        " 128-token window"),
    "falcon-new-decoder": (
        "falcon", "FalconForCausalLM", "FalconConfig",
        dict(new_decoder_architecture=True, num_kv_heads=2, bias=True),
        "Falcon-40B's new_decoder_architecture: query_key_value grouped per kv head (2 kv"
        " heads), ln_attn and ln_mlp (num_ln_in_parallel_attn default 2), biases everywhere"),
    "falcon-new-decoder-one-norm": (
        "falcon", "FalconForCausalLM", "FalconConfig",
        dict(new_decoder_architecture=True, num_kv_heads=2, num_ln_in_parallel_attn=1),
        "new_decoder_architecture with one input_layernorm shared by attention and MLP"
        " (num_ln_in_parallel_attn 1), 2 kv heads, no biases"),
    "falcon-sequential-mha": (
        "falcon", "FalconForCausalLM", "FalconConfig",
        dict(parallel_attn=False, multi_query=False, bias=True),
        "Falcon with sequential blocks (parallel_attn false: input_layernorm,"
        " post_attention_layernorm), plain multi-head attention (multi_query false, [q, k, v]"
        " per head) and biases"),
    "bloom-residual-from-norm-6-heads": (
        "bloom", "BloomForCausalLM", "BloomConfig",
        dict(hidden_size=24, n_head=6, apply_residual_connection_post_layernorm=True),
        "BLOOM with the residual taken after the norms (apply_residual_connection_post_layernorm)"
        " and 6 heads (hidden 24): ALiBi slopes of a head count that is not a power of two"),
}

# 256 positions are enough for 128-token windows and keep OPT's learned table small
BASE = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, vocab_size=512,
            max_position_embeddings=256)
# the names each config class gives the base sizes
NAMES = {
    "OPTConfig": dict(ffn_dim=64),
    "Phi3Config": dict(intermediate_size=88),
    "FalconConfig": dict(ffn_hidden_size=64),
    "BloomConfig": dict(),
}


def rolling_windows(tokens, prefix):
    """lm-eval's get_rolling_token_windows(context_len=1) + make_disjoint_window: (input, n)."""
    first = min(MAX_LENGTH, len(tokens))
    yield [prefix] + tokens[: first - 1], first
    predicted = first
    while predicted < len(tokens):
        n = min(len(tokens) - predicted, MAX_LENGTH)
        end = predicted + n
        yield tokens[end - MAX_LENGTH - 1 : end - 1], n
        predicted += n


def config_for(shared_arch, config_class, overrides):
    shared = json.loads((shared_arch / "config.json").read_text())
    kwargs = {k: shared[k] for k in ("bos_token_id", "eos_token_id", "pad_token_id") if k in shared}
    kwargs.update(BASE)
    kwargs.update(NAMES[config_class])
    if config_class == "BloomConfig":
        kwargs["n_layer"] = kwargs.pop("num_hidden_layers")
        kwargs["n_head"] = kwargs.pop("num_attention_heads")
        kwargs.pop("max_position_embeddings")
    if config_class == "FalconConfig":
        kwargs["rope_parameters"] = dict(rope_type="default", rope_theta=10000.0)
    kwargs.update(overrides)
    return getattr(transformers, config_class)(**kwargs)


def redraw(model):
    generator = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator, dtype=torch.float64) * STD
            is_gain = p.dim() == 1 and name.endswith("weight") and ("norm" in name or "ln" in name)
            p.copy_((1 + noise) if is_gain else noise)


def score(model, ids, prefix):
    """Per-token float64 log-probs of ids under the rolling windows, and the window count."""
    logprobs = []
    windows = 0
    with torch.no_grad():
        for inputs, n in rolling_windows(ids, prefix):
            windows += 1
            targets = ids[len(logprobs):len(logprobs) + n]
            logits = model(torch.tensor([inputs])).logits[0, -n:].to(torch.float64)
            lp = torch.log_softmax(logits, dim=-1)
            logprobs += lp[torch.arange(n), torch.tensor(targets)].tolist()
    assert len(logprobs) == len(ids)
    return logprobs, windows


def make(name, shared, out_root):
    arch, model_class, config_class, overrides, _ = VARIANTS[name]
    shared_arch = shared / "reference" / "families" / arch
    expected = json.loads((shared / "reference" / "families" / (arch + ".json")).read_text())
    out = out_root / name
    if out.exists():
        shutil.rmtree(out)
    cls = getattr(transformers, model_class)
    torch.manual_seed(SEED)
    model = cls(config_for(shared_arch, config_class, overrides))
    redraw(model)
    model.to(torch.bfloat16).save_pretrained(out)
    for f in TOKENIZER_FILES:
        shutil.copy(shared_arch / f, out / f)

    tokenizer = AutoTokenizer.from_pretrained(out)
    text = (shared / "reference" / "families" / "text.txt").read_text(encoding="utf-8")
    ids = tokenizer.encode(text, add_special_tokens=False)
    assert ids == expected["token_ids"], name + ": token ids differ from " + arch + ".json"
    prefix = expected["prefix_id"]

    model = cls.from_pretrained(out, dtype=torch.float64, attn_implementation="eager").eval()
    logprobs, windows = score(model, ids, prefix)
    (out_root / (name + ".json")).write_text(json.dumps({
        "variant": name, "model_type": model.config.model_type, "model_class": model_class,
        "overrides": overrides, "transformers": transformers.__version__,
        "torch": torch.__version__, "weights": "bfloat16", "dtype": "float64", "attn": "eager",
        "windows": "lmeval", "max_length": MAX_LENGTH, "prefix_id": prefix,
        "n_tokens": len(ids), "n_windows": windows, "sum_logprob": sum(logprobs),
        "token_ids": ids, "token_logprobs": logprobs}, indent=1) + "\n")
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"{name}: {len(ids)} tokens, {windows} windows, sum {sum(logprobs):.6f}, {size} bytes")


def main():
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared")
    out_root = Path(__file__).resolve().parents[1] / "resources" / "hf-reference"
    out_root.mkdir(parents=True, exist_ok=True)
    # the Java test reads the text from here: it must not need shared/ at test time
    shutil.copy(shared / "reference" / "families" / "text.txt", out_root / "text.txt")
    for name in (sys.argv[2:] or VARIANTS):
        make(name, shared, out_root)


if __name__ == "__main__":
    main()
